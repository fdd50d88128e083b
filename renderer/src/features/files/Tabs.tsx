/** The content tabs of a document: its data, the maintenance panels, and (when writable) its pending changes. */
export type TabId = 'data' | 'aside' | 'readers' | 'compare' | 'changes' | 'log';

interface Props {
  current: TabId;
  onSelect: (tab: TabId) => void;
  editable: boolean;
  pending: number;
}

export function Tabs({ current, onSelect, editable, pending }: Props) {
  const tabs: [TabId, string][] = [
    ['data', 'Data'], ['aside', 'Aside'], ['readers', 'Readers'], ['compare', 'Compare'],
    ...(editable ? [['changes', `Changes${pending ? ` (${pending})` : ''}`] as [TabId, string]] : []),
    ['log', 'Action log'],
  ];
  return (
    <div className="tabs" role="tablist" aria-label="Document panels">
      {tabs.map(([id, label]) => (
        <button key={id} type="button" role="tab" aria-selected={current === id} className={current === id ? 'on' : ''} onClick={() => onSelect(id)}>{label}</button>
      ))}
    </div>
  );
}
