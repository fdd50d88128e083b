import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
// In this order: later files refine the earlier ones (one stylesheet, split by what it styles).
import './styles/app.css';
import './styles/grid.css';
import './styles/panels.css';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
