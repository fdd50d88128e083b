/** Where the grid is inside nested subviews, with back/forward; each crumb goes back up to it. */
import type { ViewPath } from '../../../../electron/shared/dto.js';

interface Props {
  path: ViewPath;
  onGo: (path: ViewPath) => void;
  canBack: boolean;
  canForward: boolean;
  onBack: () => void;
  onForward: () => void;
}

export function Breadcrumb({ path, onGo, canBack, canForward, onBack, onForward }: Props) {
  const crumbs: { label: string; path: ViewPath }[] = [{ label: path.view, path: { view: path.view, steps: [] } }];
  path.steps.forEach((step, i) => crumbs.push({ label: `[${step.row}] ${step.prop}`, path: { view: path.view, steps: path.steps.slice(0, i + 1) } }));
  return (
    <nav className="breadcrumb" aria-label="View path">
      <button type="button" className="icon" onClick={onBack} disabled={!canBack} aria-label="Back" title="Back (Alt+Left)">‹</button>
      <button type="button" className="icon" onClick={onForward} disabled={!canForward} aria-label="Forward" title="Forward (Alt+Right)">›</button>
      <ol>
        {crumbs.map((c, i) => (
          <li key={i}>
            {i === crumbs.length - 1
              ? <span aria-current="page">{c.label}</span>
              : <button type="button" className="link" onClick={() => onGo(c.path)}>{c.label}</button>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
