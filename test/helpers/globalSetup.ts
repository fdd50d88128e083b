import { mkdirSync } from 'node:fs';

export default function setup(): void {
  mkdirSync('.test-build', { recursive: true });
}
