/**
 * The Altaro REST routes: session handling, token checks and one handler per call. Paths are
 * relative to the base path (default `/api/rest`); the token is a path segment (contract §0).
 * Every answer is the Altaro envelope; application errors are HTTP 200 with `Success: false`;
 * an unknown path is HTTP 404 and a known path with the wrong method HTTP 405, both with the
 * envelope.
 */
import { parseJson, type SimReply, type SimRequest } from '../kit/http.js';
import {
  ErrorCodes,
  fail,
  formatAltaroDate,
  formatAltaroDateOrNull,
  invalidToken,
  okData,
  okEmpty,
  okList,
  parseAltaroDate,
  withErrorCodeName,
} from './format.js';
import { newGuid, normaliseGuid } from './ids.js';
import type { OperationEngine, StartResult } from './operations.js';
import { compilePattern, matchPattern, routeKeyOf, segmentsBelow, type RoutePattern } from './router.js';
import { DAY_NAMES, formatTimeOfDay } from './schedule.js';
import type { AltaroState, BackupLocation, Report, RestoreVersion, Schedule, Session, Vm } from './state.js';
import type { AltaroVariants } from './variants.js';

export interface RoutesConfig {
  basePath: string;
  username: string;
  password: string;
  sessionIdleMs: number;
  protocolVersion: string;
  variants: AltaroVariants;
}

export interface AltaroHandler {
  handle(req: SimRequest): SimReply | Promise<SimReply>;
  routeKeyOf(req: SimRequest): string;
  expiredSessionReply(req: SimRequest): SimReply | undefined;
}

type Params = Record<string, string | undefined>;

interface Ctx {
  req: SimRequest;
  p: Params;
  now: number;
  session?: Session;
}

interface RouteDef {
  methods: string[];
  source: string;
  pattern: RoutePattern;
  /** Routes with a `:token` parameter need a live session. */
  needsToken: boolean;
  handler(ctx: Ctx): SimReply;
}

/** Format of the version timestamps in available-versions (a .NET-style format string). */
const VERSION_FORMAT = 'yyyy-MM-dd-HH-mm-ss';

export function createAltaroRoutes(
  state: AltaroState,
  engine: OperationEngine,
  now: () => number,
  config: RoutesConfig,
): AltaroHandler {
  const tz = state.timeZone;
  const variants = config.variants;
  const routes: RouteDef[] = [];
  const route = (methods: string | string[], source: string, handler: (ctx: Ctx) => SimReply): void => {
    const pattern = compilePattern(source);
    routes.push({
      methods: Array.isArray(methods) ? methods : [methods],
      source,
      pattern,
      needsToken: pattern.params.some((p) => p.name === 'token'),
      handler,
    });
  };

  // ---------------------------------------------------------------- helpers

  const notFound = (message: string): SimReply => fail(ErrorCodes.notFound, message);
  const badArgument = (message: string): SimReply => fail(ErrorCodes.invalidArgument, message);

  /** `0`/`1` path flags (`true`/`false` tolerated); undefined → the default; null → invalid. */
  const flag = (value: string | undefined, fallback: boolean): boolean | null => {
    if (value === undefined) return fallback;
    const v = value.toLowerCase();
    if (v === '1' || v === 'true') return true;
    if (v === '0' || v === 'false') return false;
    return null;
  };

  /** The configured VM named by `:vmRef`, or the error reply. */
  const vmFromPath = (ctx: Ctx): Vm | SimReply => {
    const raw = ctx.p.vmRef ?? '';
    const vm = state.vmByRef(normaliseGuid(raw));
    return vm ?? notFound(`The virtual machine with AltaroVirtualMachineRef '${raw}' does not exist.`);
  };
  const isReply = (x: unknown): x is SimReply =>
    typeof x === 'object' && x !== null && 'status' in x && typeof (x as SimReply).status === 'number';

  const startReply = (result: StartResult): SimReply => {
    if (result.ok) return okData(result.operation.guid);
    switch (result.code) {
      case 'alreadyRunning':
        return fail(ErrorCodes.operationAlreadyRunning, result.message, 'OperationAlreadyRunning');
      case 'notConfigured':
        return fail(ErrorCodes.notConfigured, result.message, 'VirtualMachineNotConfigured');
      case 'noLocation':
        return fail(ErrorCodes.noLocation, result.message, 'NoBackupLocation');
      case 'noVersion':
        return fail(ErrorCodes.notFound, result.message, 'NoBackupVersions');
    }
  };

  const vmItem = (vm: Vm, at: number) => {
    const host = state.host(vm.hostRef);
    const b = vm.lastBackup;
    const o = vm.lastOffsiteCopy;
    return {
      AltaroVirtualMachineRef: vm.altaroRef ?? (variants.unconfiguredRef === 'empty' ? '' : null),
      VirtualMachineName: vm.name,
      HostName: host?.name ?? null,
      HypervisorVirtualMachineUuid: vm.hypervisorUuid,
      AltaroHypervisorRef: vm.hostRef,
      Configured: vm.altaroRef !== null,
      LastBackupTime: formatAltaroDateOrNull(b?.at, tz),
      LastBackupDuration: b?.durationS ?? 0,
      LastBackupResult: b?.result ?? null,
      LastBackupTransferSizeCompressed: b?.compressed ?? 0,
      LastBackupTransferSizeUncompressed: b?.uncompressed ?? 0,
      NextBackupTime: formatAltaroDateOrNull(state.nextBackupTime(vm, at), tz),
      LastOffsiteCopyTime: formatAltaroDateOrNull(o?.at, tz),
      LastOffsiteCopyDuration: o?.durationS ?? 0,
      LastOffsiteCopyResult: o?.result ?? null,
      LastOffsiteCopyTransferSizeCompressed: o?.compressed ?? 0,
      LastOffsiteCopyTransferSizeUncompressed: o?.uncompressed ?? 0,
      NextOffsiteCopyTime: formatAltaroDateOrNull(state.nextOffsiteCopyTime(vm, at), tz),
    };
  };

  const identification = (vm: Vm) => ({
    AltaroVirtualMachineRef: vm.altaroRef,
    HypervisorVirtualMachineUuid: vm.hypervisorUuid,
    VirtualMachineName: vm.name,
    HostName: state.host(vm.hostRef)?.name ?? null,
    AltaroHypervisorRef: vm.hostRef,
  });

  const scheduleItem = (s: Schedule, at: number) => ({
    ScheduleId: s.id,
    ScheduleName: s.name,
    // Simulator-only extras; the real item fields beyond id and name are unknown.
    ...(variants.typeFields
      ? { DaysOfWeek: s.daysOfWeek.map((d) => DAY_NAMES[d]), TimeOfDay: formatTimeOfDay(s), NextRunTime: formatAltaroDateOrNull(state.nextRunOf(s, at), tz) }
      : {}),
    ...(state.listAssignedVms ? { VirtualMachines: assignedVms((vm) => vm.scheduleIds.includes(s.id)) } : {}),
  });

  /** One `BackupSchedules` array, or sandbox-restore schedules in a sibling key (variant). */
  const scheduleLists = (list: Schedule[], at: number): Record<string, unknown> => {
    if (variants.sandboxSchedules === 'sameKey') return { BackupSchedules: list.map((s) => scheduleItem(s, at)) };
    return {
      BackupSchedules: list.filter((s) => s.kind === 'Backup').map((s) => scheduleItem(s, at)),
      SandboxRestoreSchedules: list.filter((s) => s.kind !== 'Backup').map((s) => scheduleItem(s, at)),
    };
  };

  const assignedVms = (assigned: (vm: Vm) => boolean) =>
    state.vms.filter((vm) => vm.altaroRef && assigned(vm)).map((vm) => ({ AltaroVirtualMachineRef: vm.altaroRef, VirtualMachineName: vm.name }));

  const locationItem = (l: BackupLocation) => ({
    BackupLocationId: l.id,
    LocationPath: l.path,
    // Simulator-only extras.
    ...(variants.typeFields ? { IsOffsite: l.kind === 'Offsite', StorageType: l.storage } : {}),
    ...(state.listAssignedVms ? { VirtualMachines: assignedVms((vm) => vm.locationIds.includes(l.id)) } : {}),
  });

  const filterLocations = (list: BackupLocation[], includeBackup: boolean, includeOffsite: boolean) =>
    list.filter((l) => (l.kind === 'Primary' ? includeBackup : includeOffsite));

  /** Finds a body field case-insensitively (lenient restore bodies). */
  const field = (body: Record<string, unknown>, name: string): unknown => {
    const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : body[key];
  };

  const readBody = (req: SimRequest): Record<string, unknown> | null => {
    try {
      const parsed = parseJson(req.body);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };

  // ---------------------------------------------------------------- sessions

  route('POST', 'sessions/start', (ctx) => {
    const body = readBody(ctx.req);
    if (!body) return badArgument('The request body must be a JSON object with Username, Password and Domain.');
    const { Username, Password, Domain, ServerPort, ServerAddress } = body;
    if (typeof Username !== 'string' || typeof Password !== 'string') {
      return badArgument('Username and Password are required.');
    }
    if (Domain !== undefined && Domain !== null && typeof Domain !== 'string') return badArgument('Domain must be a string.');
    if (ServerPort !== undefined && typeof ServerPort !== 'string' && typeof ServerPort !== 'number') {
      return badArgument('ServerPort must be a number or a string.');
    }
    if (ServerAddress !== undefined && typeof ServerAddress !== 'string') return badArgument('ServerAddress must be a string.');
    if (state.consoleRegistered) {
      return fail(
        ErrorCodes.anotherConsole,
        'A VM Backup Management Console is connected to this agent. Close the console and try again.',
        'AnotherConsoleIsRegistered',
      );
    }
    const user = Username.includes('\\') ? Username.slice(Username.lastIndexOf('\\') + 1) : Username;
    if (user.toLowerCase() !== config.username.toLowerCase() || Password !== config.password) {
      return fail(ErrorCodes.invalidCredentials, 'Invalid username or password.');
    }
    const token = newGuid();
    state.sessions.set(token, {
      token,
      username: user,
      domain: typeof Domain === 'string' ? Domain : null,
      createdAt: ctx.now,
      lastUsedAt: ctx.now,
    });
    return okData(token);
  });

  // GET is tolerated because one public exporter uses it (contract §1.1).
  route(['POST', 'GET'], 'sessions/end/:sessionToken?', (ctx) => {
    purgeExpiredSessions(ctx.now);
    const raw = ctx.p.sessionToken;
    let closed: string[];
    if (raw === undefined) {
      closed = [...state.sessions.keys()];
      state.sessions.clear();
    } else {
      const token = normaliseGuid(raw);
      closed = token && state.sessions.delete(token) ? [token] : [];
    }
    return okList({ ClosedSessions: closed.map((SessionToken) => ({ SessionToken })) });
  });

  route('GET', 'protocol/version', () => okData(variants.protocolVersion === 'number' ? Number(config.protocolVersion) : config.protocolVersion));

  // ---------------------------------------------------------------- VMs

  route('GET', 'vms/list/:token/:configuredOnly?', (ctx) => {
    const configuredOnly = flag(ctx.p.configuredOnly, false);
    if (configuredOnly === null) return badArgument(`Invalid value '${ctx.p.configuredOnly}' for configuredOnly (0 or 1).`);
    const vms = state.vms.filter((vm) => !configuredOnly || vm.altaroRef !== null);
    return okList({ VirtualMachines: vms.map((vm) => vmItem(vm, ctx.now)) });
  });

  route('POST', 'vms/rediscover/:token', () => okData(null));

  route('GET', 'vms/altaro-ref/:token/:hypervisorUuid', (ctx) => {
    const vm = state.vmByUuid(normaliseGuid(ctx.p.hypervisorUuid));
    if (!vm) return notFound(`No virtual machine with HypervisorVirtualMachineUuid '${ctx.p.hypervisorUuid}' was found.`);
    return okList({ VirtualMachineIdentificationDetails: identification(vm) });
  });

  route('GET', 'vms/hypervisor-uuid/:token/:vmRef', (ctx) => {
    const vm = vmFromPath(ctx);
    if (isReply(vm)) return vm;
    return okList({ VirtualMachineIdentificationDetails: identification(vm) });
  });

  route('POST', 'vms/enable-configuration/:token/:hypervisorUuid/:hypervisorRef', (ctx) => {
    const vm = state.vmByUuid(normaliseGuid(ctx.p.hypervisorUuid));
    if (!vm) return notFound(`No virtual machine with HypervisorVirtualMachineUuid '${ctx.p.hypervisorUuid}' was found.`);
    if (vm.hostRef !== normaliseGuid(ctx.p.hypervisorRef)) {
      return notFound(`Virtual machine '${vm.name}' is not on the host with AltaroHypervisorRef '${ctx.p.hypervisorRef}'.`);
    }
    vm.altaroRef ??= newGuid();
    return okData(vm.altaroRef);
  });

  // ---------------------------------------------------------------- schedules

  route('GET', 'schedules/:token/:includeBackup?/:includeSandboxRestore?', (ctx) => {
    const includeBackup = flag(ctx.p.includeBackup, true);
    const includeSandbox = flag(ctx.p.includeSandboxRestore, true);
    if (includeBackup === null || includeSandbox === null) return badArgument('Schedule flags must be 0 or 1.');
    const list = state.schedules.filter((s) => (s.kind === 'Backup' ? includeBackup : includeSandbox));
    return okList(scheduleLists(list, ctx.now));
  });

  route('GET', 'vms/schedules/:token/:vmRef', (ctx) => {
    const vm = vmFromPath(ctx);
    if (isReply(vm)) return vm;
    return okList(scheduleLists(state.schedulesOf(vm), ctx.now));
  });

  route(['POST', 'DELETE'], 'vms/schedules/:token/:vmRef/:scheduleId', (ctx) => {
    const vm = vmFromPath(ctx);
    if (isReply(vm)) return vm;
    const schedule = state.schedule(normaliseGuid(ctx.p.scheduleId));
    if (!schedule) return notFound(`The schedule with ScheduleId '${ctx.p.scheduleId}' does not exist.`);
    if (ctx.req.method === 'POST') state.assignSchedule(vm, schedule);
    else state.unassignSchedule(vm, schedule);
    return okEmpty();
  });

  // ---------------------------------------------------------------- backup locations

  route('GET', 'backuplocations/:token/:includeBackup?/:includeOffsite?', (ctx) => {
    const includeBackup = flag(ctx.p.includeBackup, true);
    const includeOffsite = flag(ctx.p.includeOffsite, true);
    if (includeBackup === null || includeOffsite === null) return badArgument('Location flags must be 0 or 1.');
    return okList({ BackupLocations: filterLocations(state.locations, includeBackup, includeOffsite).map(locationItem) });
  });

  route('GET', 'vms/backuplocations/:token/:vmRef/:includeBackup?/:includeOffsite?', (ctx) => {
    const vm = vmFromPath(ctx);
    if (isReply(vm)) return vm;
    const includeBackup = flag(ctx.p.includeBackup, true);
    const includeOffsite = flag(ctx.p.includeOffsite, true);
    if (includeBackup === null || includeOffsite === null) return badArgument('Location flags must be 0 or 1.');
    return okList({ BackupLocations: filterLocations(state.locationsOf(vm), includeBackup, includeOffsite).map(locationItem) });
  });

  route(['POST', 'DELETE'], 'vms/backuplocations/:token/:vmRef/:locationId', (ctx) => {
    const vm = vmFromPath(ctx);
    if (isReply(vm)) return vm;
    const location = state.location(normaliseGuid(ctx.p.locationId));
    if (!location) return notFound(`The backup location with BackupLocationId '${ctx.p.locationId}' does not exist.`);
    if (ctx.req.method === 'POST') state.assignLocation(vm, location);
    else state.unassignLocation(vm, location);
    return okEmpty();
  });

  // ---------------------------------------------------------------- instructions

  route('POST', 'instructions/take-backup/:token/:vmRef', (ctx) => {
    const vm = vmFromPath(ctx);
    return isReply(vm) ? vm : startReply(engine.startBackup(vm, ctx.now));
  });

  route('POST', 'instructions/take-offsitecopy/:token/:vmRef', (ctx) => {
    const vm = vmFromPath(ctx);
    return isReply(vm) ? vm : startReply(engine.startOffsiteCopy(vm, ctx.now));
  });

  // [?] path: the contract does not know the verification instruction's path.
  route('POST', 'instructions/take-verification/:token/:vmRef', (ctx) => {
    const vm = vmFromPath(ctx);
    return isReply(vm) ? vm : startReply(engine.startVerification(vm, ctx.now));
  });

  route('POST', 'instructions/abort-operation/:token/:operationGuid', (ctx) => {
    const guid = normaliseGuid(ctx.p.operationGuid);
    const result = guid ? engine.abort(guid, ctx.now) : 'unknown';
    if (result === 'unknown') return notFound(`The operation '${ctx.p.operationGuid}' does not exist or has already finished.`);
    if (result === 'finished') return fail(ErrorCodes.operationFinished, `The operation '${guid}' has already finished.`);
    return okData(guid);
  });

  // [?] paths: the contract does not know the restore / sandbox-restore paths. POST with the JSON
  // body of contract §4.4; the VM may also be given as a trailing path segment.
  const restoreHandler = (kind: 'Restore' | 'SandboxRestore') => (ctx: Ctx): SimReply => {
    const body = ctx.req.body.length === 0 ? {} : readBody(ctx.req);
    if (!body) return badArgument('The request body must be a JSON object.');
    const str = (name: string): string | undefined => {
      const v = field(body, name);
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
    };

    let vm: Vm | undefined;
    const refText = ctx.p.vmRef ?? str('AltaroVirtualMachineRef');
    const uuidText = str('HypervisorVirtualMachineUuid');
    if (refText !== undefined) vm = state.vmByRef(normaliseGuid(refText));
    else if (uuidText !== undefined) vm = state.vmByUuid(normaliseGuid(uuidText));
    else return badArgument('HypervisorVirtualMachineUuid or AltaroVirtualMachineRef is required.');
    if (!vm) return notFound(`The virtual machine '${refText ?? uuidText}' does not exist.`);
    const target = vm;
    if (!target.altaroRef) {
      return startReply({
        ok: false,
        code: 'notConfigured',
        message: `Virtual machine '${target.name}' is not added to the backup configuration.`,
      });
    }

    const locationText = str('RestoreFromLocationId');
    let location: BackupLocation | undefined;
    if (locationText !== undefined) {
      location = state.location(normaliseGuid(locationText));
      if (!location) return notFound(`The backup location with BackupLocationId '${locationText}' does not exist.`);
    } else {
      // Default: the VM's primary location that holds versions, else wherever the newest version is.
      const newest = [...target.versions].sort((a, b) => b.at - a.at)[0];
      location =
        state.locationsOf(target, 'Primary').find((l) => target.versions.some((v) => v.locationId === l.id)) ??
        state.location(newest?.locationId);
    }
    const source = location;
    const versions = source ? target.versions.filter((v) => v.locationId === source.id).sort((a, b) => b.at - a.at) : [];
    if (!source || versions.length === 0) {
      const where = source ? ` at ${source.path}` : '';
      return fail(
        ErrorCodes.notFound,
        `No backup versions of virtual machine '${target.name}' are available${where}.`,
        'NoBackupVersions',
      );
    }

    let version: RestoreVersion | undefined = versions[0];
    const versionText = str('RestoreBackupVersion');
    if (versionText !== undefined) {
      const isUtc = field(body, 'RestoreBackupVersionIsUtc') === true || field(body, 'RestoreBackupVersionIsUtc') === 'true';
      const at = parseAltaroDate(versionText, isUtc ? 'UTC' : tz);
      if (at === null) return badArgument(`RestoreBackupVersion '${versionText}' is not a valid version (${VERSION_FORMAT}).`);
      const wanted = formatAltaroDate(at, tz);
      version = versions.find((v) => formatAltaroDate(v.at, tz) === wanted);
      if (!version) return notFound(`Backup version '${versionText}' of virtual machine '${target.name}' was not found at ${source.path}.`);
    }

    const hostText = str('RestoreToAltaroHostId');
    if (hostText !== undefined && !state.host(normaliseGuid(hostText) ?? '')) {
      return notFound(`The host with id '${hostText}' does not exist.`);
    }
    return startReply(engine.startRestore(kind, target, ctx.now, { version, restoreAsName: str('RestoredVirtualMachineName') }));
  };
  route('POST', 'instructions/restore/:token/:vmRef?', restoreHandler('Restore'));
  route('POST', 'instructions/sandbox-restore/:token/:vmRef?', restoreHandler('SandboxRestore'));

  // ---------------------------------------------------------------- activity

  route('GET', 'activity/operation-status/:token/:operationGuid?', (ctx) => {
    if (ctx.p.operationGuid === undefined) {
      return okList({ Statuses: engine.visible().map((op) => engine.view(op, ctx.now)) });
    }
    const op = state.operations.get(normaliseGuid(ctx.p.operationGuid) ?? '');
    if (op) return okList({ Statuses: [engine.view(op, ctx.now)] });
    // Unknown or finished guid: the plausible forms (variant).
    if (variants.unknownOperationGuid === 'failure') {
      return notFound(`The operation '${ctx.p.operationGuid}' does not exist or has already finished.`);
    }
    if (variants.unknownOperationGuid === 'allRunning') {
      return okList({ Statuses: engine.visible().map((o) => engine.view(o, ctx.now)) });
    }
    return okList({ Statuses: [] });
  });

  // ---------------------------------------------------------------- reports

  const reportRoute = (segment: string, key: string, pick: (vm: Vm) => Report[], restore: boolean) =>
    route('GET', `reports/${segment}/:token/:vmRef/:resultFilter?/:count?/:from?/:to?`, (ctx) => {
      const vm = vmFromPath(ctx);
      if (isReply(vm)) return vm;
      const filterText = ctx.p.resultFilter ?? '0';
      // 0 = any is [I]: the 'refused' variant knows only the confirmed 1 and 2 (and no segment at all).
      if (filterText === '0' && ctx.p.resultFilter !== undefined && variants.reportFilterZero === 'refused') {
        return badArgument(`Invalid result filter '0' (1 successful, 2 failed).`);
      }
      if (!/^[012]$/.test(filterText)) return badArgument(`Invalid result filter '${filterText}' (0 any, 1 successful, 2 failed).`);
      const countText = ctx.p.count ?? '1';
      if (!/^\d+$/.test(countText)) return badArgument(`Invalid count '${countText}'.`);
      const count = Number(countText);
      let from = -Infinity;
      let to = Infinity;
      if (ctx.p.from !== undefined) {
        const f = parseAltaroDate(ctx.p.from, tz);
        const t = ctx.p.to === undefined ? ctx.now : parseAltaroDate(ctx.p.to, tz, true);
        if (f === null || t === null) {
          return badArgument(`Invalid date range '${ctx.p.from}'/'${ctx.p.to}' (YYYY-MM-DD or YYYY-MM-DD-HH-mm-ss).`);
        }
        from = f;
        to = t;
      }
      const good = (r: Report) => r.result === 'Success' || r.result === 'Warning';
      let list = [...pick(vm)]
        .filter((r) => r.at >= from && r.at <= to)
        .filter((r) => (filterText === '1' ? good(r) : filterText === '2' ? !good(r) : true))
        .sort((a, b) => b.at - a.at);
      if (count > 0) list = list.slice(0, count);
      const items = list.map((r) =>
        restore
          ? {
              DateTime: formatAltaroDate(r.at, tz),
              Duration: r.durationS,
              Result: r.result,
              Location: r.location,
              Error: r.error,
              RestoreAsName: r.restoreAsName ?? null,
            }
          : {
              DateTime: formatAltaroDate(r.at, tz),
              Duration: r.durationS,
              Result: r.result,
              Location: r.location,
              Error: r.error,
              TransferSizeCompressed: r.compressed,
              TransferSizeUncompressed: r.uncompressed,
            },
      );
      return okList({ [key]: items });
    });
  reportRoute('backup', 'BackupReports', (vm) => vm.reports.backup, false);
  // [?] segment and key: `reports/offsitecopy` (contract's best guess) answering `OffsiteCopyReports`.
  if (variants.offsiteReports === 'offsitecopy') reportRoute('offsitecopy', 'OffsiteCopyReports', (vm) => vm.reports.offsite, false);
  reportRoute('restore', 'RestoreReports', (vm) => vm.reports.restore, true);

  // ---------------------------------------------------------------- restore options

  route('GET', 'restore-options/available-versions/:token/:vmRef/:locationId', (ctx) => {
    const vm = vmFromPath(ctx);
    if (isReply(vm)) return vm;
    const location = state.location(normaliseGuid(ctx.p.locationId));
    if (!location) return notFound(`The backup location with BackupLocationId '${ctx.p.locationId}' does not exist.`);
    const versions = vm.versions.filter((v) => v.locationId === location.id).sort((a, b) => b.at - a.at);
    const details = {
      AltaroVirtualMachineRef: vm.altaroRef,
      HostName: state.host(vm.hostRef)?.name ?? null,
      VirtualMachineName: vm.name,
      BackupLocationId: location.id,
      LocationPath: location.path,
      // [?] element shape (variant), newest first.
      Versions: versions.map((v) =>
        variants.versionElements === 'strings'
          ? formatAltaroDate(v.at, tz)
          : { BackupVersion: formatAltaroDate(v.at, tz), BackupVerisonFormat: VERSION_FORMAT, IsUtc: false, SizeBytes: v.sizeBytes },
      ),
    };
    // [?] object vs array-of-one (variant).
    return okList({ VirtualMachineRestoreDetails: variants.restoreDetails === 'array' ? [details] : details });
  });

  route('GET', 'restore-options/available-hosts/:token', () =>
    okList({
      Hosts: state.hosts.map((h) => ({
        HostName: h.name,
        // [I]/[?] the ref's field name is unknown; both candidates carry the same GUID.
        AltaroHostRef: h.ref,
        AltaroHostId: h.ref,
        HypervisorType: h.hypervisor === 'HyperV' ? 'Hyper-V' : 'VMware',
      })),
    }),
  );

  // [?] response shape: `Datastores` with a name and a path per restore target.
  route('GET', 'restore-options/available-datastores/:token/:hostRef', (ctx) => {
    const host = state.host(normaliseGuid(ctx.p.hostRef) ?? '');
    if (!host) return notFound(`The host with id '${ctx.p.hostRef}' does not exist.`);
    const stores =
      host.hypervisor === 'HyperV'
        ? [
            { DatastoreName: 'Volume1', Path: 'C:\\ClusterStorage\\Volume1' },
            { DatastoreName: 'Hyper-V', Path: 'D:\\Hyper-V\\Virtual Machines' },
          ]
        : [
            { DatastoreName: 'datastore1', Path: '[datastore1]' },
            { DatastoreName: 'datastore2', Path: '[datastore2]' },
          ];
    return okList({ Datastores: stores });
  });

  // ---------------------------------------------------------------- dispatch

  function purgeExpiredSessions(at: number): void {
    for (const [token, s] of state.sessions) {
      if (at - s.lastUsedAt >= config.sessionIdleMs) state.sessions.delete(token);
    }
  }

  /** The live session for a token (touching it), or undefined. */
  function useSession(raw: string | undefined, at: number): Session | undefined {
    const token = normaliseGuid(raw);
    if (!token) return undefined;
    const session = state.sessions.get(token);
    if (!session) return undefined;
    if (at - session.lastUsedAt >= config.sessionIdleMs) {
      state.sessions.delete(token);
      return undefined;
    }
    session.lastUsedAt = at;
    return session;
  }

  function find(req: SimRequest): { route?: RouteDef; params?: Params; pathKnown: boolean; segments?: string[] } {
    const segments = segmentsBelow(config.basePath, req.path);
    if (!segments) return { pathKnown: false };
    let pathKnown = false;
    for (const r of routes) {
      const params = matchPattern(r.pattern, segments);
      if (!params) continue;
      pathKnown = true;
      if (r.methods.includes(req.method.toUpperCase())) return { route: r, params, pathKnown, segments };
    }
    return { pathKnown, segments };
  }

  const styled = (reply: SimReply): SimReply => (variants.errorCode === 'string' ? withErrorCodeName(reply) : reply);

  return {
    routeKeyOf: (req) => routeKeyOf(segmentsBelow(config.basePath, req.path)),

    expiredSessionReply: (req) => (find(req).route?.needsToken ? styled(invalidToken()) : undefined),

    handle: (req) => {
      const reply = handle(req);
      return reply instanceof Promise ? reply : styled(reply);
    },
  };

  function handle(req: SimRequest): SimReply | Promise<SimReply> {
    const at = now();
    engine.settle(at);
    const found = find(req);
    if (!found.route || !found.params) {
      if (found.pathKnown) {
        return fail(
          ErrorCodes.methodNotAllowed,
          `The requested resource does not support http method '${req.method}'.`,
          null,
          405,
        );
      }
      return fail(
        ErrorCodes.unknownRoute,
        `No HTTP resource was found that matches the request URI '${req.path}'.`,
        null,
        404,
      );
    }
    const ctx: Ctx = { req, p: found.params, now: at };
    if (found.route.needsToken) {
      const session = useSession(found.params.token, at);
      if (!session) return invalidToken();
      ctx.session = session;
    }
    const reply = found.route.handler(ctx);
    if (found.route.source.startsWith('instructions/') && state.unansweredInstructions > 0) {
      // Carried out, but the answer never arrives (the kit destroys the socket on close).
      state.unansweredInstructions -= 1;
      return new Promise<SimReply>(() => {});
    }
    return reply;
  }
}
