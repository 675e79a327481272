/**
 * XSTATE_INSPECT=1 (never in production): every BRP event the platform applies is replayed through an actor
 * wired to @statelyai/inspect, so the machine is visible in the Stately inspector. XSTATE_INSPECT_URL set: the
 * WebSocket inspector (run `npx @statelyai/inspect` style receivers locally); otherwise Stately's Sky inspector,
 * which prints the URL to open. The package is a development dependency, loaded only when asked for.
 */
import type { BrpEvent, BrpFacts, MachineStatus } from '../../domain/brp/machine';
import { replayForInspection, type InspectFunction } from '../../domain/brp/machine-inspector';

type Inspector = { inspect: InspectFunction };
let inspector: Promise<Inspector | null> | null = null;

function enabled(env: Record<string, unknown>): boolean {
  return String(env['XSTATE_INSPECT'] ?? '') === '1' && env['NODE_ENV'] !== 'production';
}

async function loadInspector(env: Record<string, unknown>, log: (line: string) => void): Promise<Inspector | null> {
  try {
    // a computed specifier keeps the bundler from inlining a development-only package into the extension
    const specifier = ['@statelyai', 'inspect'].join('/');
    const module = (await import(specifier)) as {
      createWebSocketInspector: (options: { url: string }) => Inspector;
      createSkyInspector: (options: { onerror?: (error: Error) => void }) => Inspector;
    };
    const url = typeof env['XSTATE_INSPECT_URL'] === 'string' ? env['XSTATE_INSPECT_URL'] : '';
    log(
      url
        ? `XSTATE_INSPECT: sending BRP machine events to ${url}`
        : 'XSTATE_INSPECT: sending BRP machine events to the Stately Sky inspector',
    );
    return url
      ? module.createWebSocketInspector({ url })
      : module.createSkyInspector({ onerror: (error) => log(`XSTATE_INSPECT: ${error.message}`) });
  } catch (error) {
    log(`XSTATE_INSPECT is set but @statelyai/inspect could not be loaded: ${(error as Error).message}`);
    return null;
  }
}

/** Shows an applied event in the inspector when XSTATE_INSPECT=1; does nothing otherwise. */
export async function inspectAppliedEvent(
  env: Record<string, unknown>,
  log: (line: string) => void,
  status: MachineStatus,
  event: BrpEvent,
  facts: BrpFacts,
): Promise<void> {
  if (!enabled(env)) return;
  inspector ??= loadInspector(env, log);
  const active = await inspector;
  if (active) replayForInspection(active.inspect, status, event, facts);
}
