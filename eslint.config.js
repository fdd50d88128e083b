// Layer rules are enforced here, not hoped for: a failing rule fails CI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'process', 'crypto', 'http', 'net', 'url'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**', 'dist/**', '.test-build/**', 'renderer/dist/**', 'release/**',
      'test/fixtures/**', 'test-results/**', 'playwright-report/**', 'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Small files with one job (issue 15); test/project/structure.test.ts also checks it, with import cycles.
      'max-lines': ['error', { max: 400 }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Raw IPC lives only in electron/main/ipc.ts and electron/preload/.' }],
      }],
    },
  },
  {
    // The engine is a format library: nothing from the app layers.
    files: ['engine/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/electron/**', '**/renderer/**', 'electron', 'electron/*', 'react', 'react-dom', 'react/*'], message: 'engine/ imports nothing from electron/ or renderer/.' },
        ],
      }],
    },
  },
  {
    // The core stays pure: bytes in, values out. Only engine/node touches fs, process or /proc.
    files: ['engine/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/electron/**', '**/renderer/**', 'electron', 'electron/*', 'react', 'react-dom'], message: 'engine/ imports nothing from electron/ or renderer/.' },
          { group: nodeBuiltins, message: 'engine/core is pure TypeScript: put file system and process access in engine/node.' },
          { group: ['../node/**', '../cli/**', '../../node/**', '../../cli/**', '../../../node/**', '../../../cli/**', '**/engine/node/**', '**/engine/cli/**'], message: 'engine/core must not depend on engine/node or engine/cli.' },
        ],
      }],
    },
  },
  {
    // The contract is shared with the renderer and the sandboxed preload: it may name the engine's
    // types (a DTO that is an engine type), never load engine code, Node or Electron.
    files: ['electron/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/engine/core/**'], allowTypeImports: true, message: 'electron/shared imports only types (import type) from engine/core.' },
          { group: ['**/engine/node/**', '**/engine/cli/**', '**/electron/main/**', '**/electron/preload/**', '**/electron/server/**', '**/electron/service/**', '../main/**', '../preload/**', '../server/**', '../service/**', '**/renderer/**', 'electron', 'electron/*'], message: 'electron/shared depends on nothing but zod and engine/core types.' },
          { group: nodeBuiltins, message: 'electron/shared runs in the renderer and the sandboxed preload too.' },
        ],
      }],
    },
  },
  {
    // The renderer talks to the world only through the shared contract's types. (Its build config,
    // renderer/vite.config.ts, runs in Node and is not part of the page.)
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/engine/**'], message: 'renderer/ never imports the engine; use the shared contract.' },
          { group: ['**/electron/main/**', '**/electron/preload/**', '**/electron/server/**', 'electron', 'electron/*'], message: 'renderer/ imports only types from electron/shared.' },
          { group: ['**/electron/shared/**'], allowTypeImports: true, message: 'renderer/ imports only types (import type) from electron/shared.' },
          { group: nodeBuiltins, message: 'renderer/ runs in a sandboxed browser context.' },
        ],
      }],
    },
  },
  {
    files: ['electron/main/ipc.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
