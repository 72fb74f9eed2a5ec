/** The fault matrix (test/support/fault-matrix.ts) against the default simulator profile. */
import { describeFaultMatrix } from '../support/fault-matrix.js';

describeFaultMatrix('default');
