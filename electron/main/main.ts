/** Electron entry point (package.json "main": dist/electron/main/main.js). */
import { startApp } from './app.js';

startApp();
