/**
 * The DTOs that lived here before they were split by what they are about: following, generations and
 * snapshot compare (dtoFollow.ts), editing and export (dtoEdit.ts). Kept so the renderer's imports
 * stay valid; new code imports from those two files.
 */
export type * from './dtoEdit.js';
export type * from './dtoFollow.js';
