/** The bits command family (to be filled in). */
import type { CommandSpec } from '../src/command';

export const commands: CommandSpec[] = [];
