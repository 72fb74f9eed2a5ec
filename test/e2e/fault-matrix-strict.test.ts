/** The fault matrix (test/support/fault-matrix.ts) against the strict simulator profile. */
import { describeFaultMatrix } from '../support/fault-matrix.js';

describeFaultMatrix('strict');
