/** The sidebar tree: views with row counts and layouts, their columns and nested subview properties. */
import { useState } from 'react';
import type { ColumnInfo, ViewNode } from '../../../../electron/shared/dto.js';

/** The type letter; a stored letter Metakit does not know shows as `Q? read as I` (its values are ints). */
export function TypeBadge({ column }: { column: ColumnInfo }) {
  if (column.unknownType) {
    return (
      <span className="type-letter unknown-type" title={`stored type letter ${column.storedType ?? '?'} is unknown to Metakit: read as ${column.type}, as Metakit reads it`}>
        {column.storedType}? read as {column.type}
      </span>
    );
  }
  return <span className="type-letter">{column.type}</span>;
}

function Node({ node, depth, current, onOpen }: { node: ViewNode; depth: number; current: string | null; onOpen: (view: string) => void }) {
  const [open, setOpen] = useState(depth === 0 && current === node.name);
  const topLevel = depth === 0;
  const label = (
    <>
      <span className="node-name">{node.name}</span>
      {node.rows !== null ? <span className="node-rows">{node.rows.toLocaleString('en-US')}</span> : <span className="node-rows muted">{node.recursive ? '↻' : 'V'}</span>}
    </>
  );
  return (
    <li role="treeitem" aria-expanded={open} aria-selected={topLevel && current === node.name} aria-level={depth + 1}>
      <div className={`node${topLevel && current === node.name ? ' current' : ''}`} title={node.layout}>
        <button type="button" className="twisty" aria-label={open ? `Collapse ${node.name}` : `Expand ${node.name}`} onClick={() => setOpen(!open)}>{open ? '▾' : '▸'}</button>
        {topLevel
          ? <button type="button" className="node-open" onClick={() => onOpen(node.name)}>{label}</button>
          : <span className="node-open sub" title={`${node.layout}: open a row's ${node.name} from the grid`}>{label}</span>}
      </div>
      {open && (
        <ul role="group">
          {node.columns.filter((c) => c.type !== 'V').map((c) => (
            <li key={c.name} role="treeitem" aria-level={depth + 2} aria-selected={false} className="column-node" title={c.layout}>
              <TypeBadge column={c} /> {c.name}
            </li>
          ))}
          {node.recursive && (
            <li role="treeitem" aria-level={depth + 2} aria-selected={false} className="column-node recursion-node" title={`${node.layout}: each row's ${node.name} has the structure of ${node.recursiveOf || 'the root'} again`}>
              ↻ same as {node.recursiveOf || 'the root'}
            </li>
          )}
          {node.children.map((child) => <Node key={child.schemaPath} node={child} depth={depth + 1} current={current} onOpen={onOpen} />)}
        </ul>
      )}
    </li>
  );
}

export function ViewTree({ nodes, current, onOpen }: { nodes: ViewNode[]; current: string | null; onOpen: (view: string) => void }) {
  if (nodes.length === 0) return <p className="note">This file has no views.</p>;
  return (
    <ul className="view-tree" role="tree" aria-label="Views">
      {nodes.map((n) => <Node key={n.schemaPath} node={n} depth={0} current={current} onOpen={onOpen} />)}
    </ul>
  );
}
