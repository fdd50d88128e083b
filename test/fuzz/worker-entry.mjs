// Worker threads start without the TypeScript loader: register tsx, then run the worker module.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
