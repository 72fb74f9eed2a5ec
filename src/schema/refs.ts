/**
 * Type references, declared before any type is implemented so the per-type files can point
 * at each other without import cycles.
 */
import type {
  Backup,
  BackupLocation,
  Disk,
  Operation,
  Resource,
  Schedule,
  VirtualMachine,
} from '../domain/model.js';
import type { Provider } from '../domain/provider.js';
import { builder } from './builder.js';

export const ProviderRef = builder.objectRef<Provider>('Provider');
export const ProtectedResourceRef = builder.interfaceRef<Resource>('ProtectedResource');
export const VirtualMachineRef = builder.objectRef<VirtualMachine>('VirtualMachine');
export const DiskRef = builder.objectRef<Disk>('Disk');
export const ScheduleRef = builder.objectRef<Schedule>('Schedule');
export const BackupLocationRef = builder.objectRef<BackupLocation>('BackupLocation');
export const BackupRef = builder.objectRef<Backup>('Backup');
export const OperationRef = builder.objectRef<Operation>('Operation');

export const BackupConnectionRef = builder.connectionObject({ type: BackupRef, name: 'BackupConnection' }, { name: 'BackupEdge' });
