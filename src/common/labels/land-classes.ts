// Shared by the API and the web console (web/tsconfig.json maps @shared/* here): data only, no Node, no DOM.
import type { LandClass } from '../../../workflows/types';

/** The two classes of land of GB 36600-2018 §3.5, 3.6. */
export const LAND_CLASS_LABELS: Record<LandClass, string> = { 1: '第一类用地', 2: '第二类用地' };
