/**
 * Settings both shells read from the environment. Bad values are refused with the variable's
 * name, never silently replaced by a default.
 */
import { parseAllowlist } from '@shared/logic/outbound-allowlist';
import { homedir } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { CoreOptions, ReplaySourceOptions } from './core-api';
import { WEBHOOK_DEFAULT_PORT } from '@shared/contract/source-config/webhook';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The same folder Electron's `app.getPath('userData')` gives for an app named Earshot. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Earshot');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Earshot');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Earshot');
}

export interface ServeEnv {
  host: string;
  port: number;
}

export const DEFAULT_PORT = 4870;

export function serveEnv(env: NodeJS.ProcessEnv = process.env): ServeEnv {
  const host = env.EARSHOT_HOST?.trim() || '127.0.0.1';
  const port = env.EARSHOT_PORT === undefined || env.EARSHOT_PORT === '' ? DEFAULT_PORT : Number(env.EARSHOT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`EARSHOT_PORT must be a port number from 0 to 65535, got "${env.EARSHOT_PORT}"`);
  }
  return { host, port };
}

/** Core options from EARSHOT_DATA_DIR, EARSHOT_DEMO_*, EARSHOT_REPLAY_*. */
export function coreEnvOptions(env: NodeJS.ProcessEnv = process.env): Omit<CoreOptions, 'version' | 'logger' | 'nativeBinding'> {
  const dataDir = env.EARSHOT_DATA_DIR?.trim() ? resolve(env.EARSHOT_DATA_DIR.trim()) : defaultDataDir(env);
  const demo: NonNullable<CoreOptions['demo']> = {};
  if (env.EARSHOT_DEMO_RATE !== undefined && env.EARSHOT_DEMO_RATE !== '') {
    const rate = Number(env.EARSHOT_DEMO_RATE);
    if (!Number.isFinite(rate) || rate < 0 || rate > 600_000) {
      throw new ConfigError(`EARSHOT_DEMO_RATE must be mentions per minute from 0 to 600000, got "${env.EARSHOT_DEMO_RATE}"`);
    }
    demo.ratePerMinute = rate;
  }
  if (env.EARSHOT_DEMO_EPISODE_EVERY !== undefined && env.EARSHOT_DEMO_EPISODE_EVERY !== '') {
    const raw = env.EARSHOT_DEMO_EPISODE_EVERY;
    const minutes = raw === 'off' ? null : Number(raw);
    if (minutes !== null && (!Number.isFinite(minutes) || minutes < 1 || minutes > 24 * 60)) {
      throw new ConfigError(`EARSHOT_DEMO_EPISODE_EVERY must be minutes from 1 to 1440 or "off", got "${raw}"`);
    }
    demo.episodeEveryMinutes = minutes;
  }
  if (env.EARSHOT_DEMO === '0' || env.EARSHOT_DEMO === 'off') demo.enabled = false;

  const replays: ReplaySourceOptions[] = [];
  if (env.EARSHOT_REPLAY_FILE?.trim()) {
    const rawSpeed = env.EARSHOT_REPLAY_SPEED?.trim() || '60';
    const speed = rawSpeed === 'max' ? 'max' : Number(rawSpeed);
    if (speed !== 'max' && (!Number.isFinite(speed) || speed <= 0 || speed > 1_000_000)) {
      throw new ConfigError(`EARSHOT_REPLAY_SPEED must be a factor above 0 and up to 1000000, or "max", got "${rawSpeed}"`);
    }
    const timestamps = env.EARSHOT_REPLAY_TIMESTAMPS?.trim() || 'shifted';
    if (timestamps !== 'shifted' && timestamps !== 'original') {
      throw new ConfigError(`EARSHOT_REPLAY_TIMESTAMPS must be "shifted" or "original", got "${timestamps}"`);
    }
    replays.push({ file: resolve(env.EARSHOT_REPLAY_FILE.trim()), speed, timestamps });
  }
  const allowed = env.EARSHOT_ALLOWED_FOLDERS?.trim();
  const allowedFolders = allowed
    ? allowed
        .split(delimiter)
        .map((f) => f.trim())
        .filter(Boolean)
    : undefined;
  if (allowedFolders?.some((f) => !isAbsolute(f)))
    throw new ConfigError(`EARSHOT_ALLOWED_FOLDERS must list absolute folders separated by "${delimiter}", got "${allowed}"`);
  const outboundAllow = outboundAllowEnv(env);
  return {
    dataDir,
    demo,
    replays,
    webhook: webhookEnv(env),
    ...(allowedFolders ? { allowedFolders } : {}),
    ...(outboundAllow.length > 0 ? { outboundAllow } : {}),
  };
}

/**
 * EARSHOT_OUTBOUND_ALLOW: hosts, addresses or ranges (comma-separated) added at start to the
 * outbound allowlist of Settings → Outbound, e.g. an on-premises feed server.
 */
export function outboundAllowEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.EARSHOT_OUTBOUND_ALLOW?.trim();
  if (!raw) return [];
  const lines = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const { errors } = parseAllowlist(lines);
  if (errors.length > 0)
    throw new ConfigError(
      `EARSHOT_OUTBOUND_ALLOW has entries that are not hosts, addresses or ranges: ${errors.join('; ').replace(/line (\d+)/g, 'entry $1')}`,
    );
  return lines;
}

/** Where the webhook receiver listens: EARSHOT_WEBHOOK_HOST (127.0.0.1) and EARSHOT_WEBHOOK_PORT (4871). */
export function webhookEnv(env: NodeJS.ProcessEnv = process.env): { host: string; port: number } {
  const host = env.EARSHOT_WEBHOOK_HOST?.trim() || '127.0.0.1';
  const raw = env.EARSHOT_WEBHOOK_PORT?.trim();
  const port = raw === undefined || raw === '' ? WEBHOOK_DEFAULT_PORT : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`EARSHOT_WEBHOOK_PORT must be a port number from 0 to 65535, got "${raw}"`);
  }
  return { host, port };
}
