/** The sidebar tree: views with row counts and layouts, their columns and nested subview properties. */
import { useState } from 'react';
import type { ViewNode } from '../../../../electron/shared/dto.js';

function Node({ node, depth, current, onOpen }: { node: ViewNode; depth: number; current: string | null; onOpen: (view: string) => void }) {
  const [open, setOpen] = useState(depth === 0 && current === node.name);
  const topLevel = depth === 0;
  const label = (
    <>
      <span className="node-name">{node.name}</span>
      {node.rows !== null ? <span className="node-rows">{node.rows.toLocaleString('en-US')}</span> : <span className="node-rows muted">{node.recursive ? '[^]' : 'V'}</span>}
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
              <span className="type-letter">{c.type}</span> {c.name}
            </li>
          ))}
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
