import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, coreEnvOptions, DEFAULT_PORT, defaultDataDir, serveEnv } from '../../../../electron/core/app/env-options';
import { DEMO_DEFAULTS, demoConfigSchema } from '../../../../electron/core/sources/demo/demo-source';
import { replayConfigSchema } from '../../../../electron/core/sources/replay/replay-source';

/** The thrown error, so a test can check both its class and its words. */
function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

function expectConfigError(run: () => unknown, variable: string, value: string): void {
  const error = thrown(run);
  expect(error).toBeInstanceOf(ConfigError);
  expect(error.name).toBe('ConfigError');
  expect(error.message).toContain(variable);
  expect(error.message).toContain(`"${value}"`);
}

const HOME = { XDG_CONFIG_HOME: '/xdg' };

describe('serveEnv', () => {
  it('defaults to loopback and the default port', () => {
    expect(serveEnv({})).toEqual({ host: '127.0.0.1', port: DEFAULT_PORT });
    expect(serveEnv({ EARSHOT_PORT: '', EARSHOT_HOST: '  ' })).toEqual({ host: '127.0.0.1', port: DEFAULT_PORT });
  });

  it('reads valid values', () => {
    expect(serveEnv({ EARSHOT_HOST: ' 0.0.0.0 ', EARSHOT_PORT: '8080' })).toEqual({ host: '0.0.0.0', port: 8080 });
    expect(serveEnv({ EARSHOT_PORT: '0' }).port).toBe(0);
    expect(serveEnv({ EARSHOT_PORT: '65535' }).port).toBe(65535);
  });

  it('refuses bad ports with a ConfigError naming EARSHOT_PORT', () => {
    for (const value of ['abc', '70000', '-1', '80.5', '65536']) {
      expectConfigError(() => serveEnv({ EARSHOT_PORT: value }), 'EARSHOT_PORT', value);
    }
  });
});

describe('coreEnvOptions', () => {
  it('defaults: the platform data folder, no demo overrides, no replays', () => {
    expect(coreEnvOptions(HOME)).toEqual({ dataDir: join('/xdg', 'Earshot'), demo: {}, replays: [], webhook: { host: '127.0.0.1', port: 4871 } });
  });

  it('reads valid values', () => {
    const options = coreEnvOptions({
      EARSHOT_DATA_DIR: ' relative/data ',
      EARSHOT_DEMO_RATE: '1200',
      EARSHOT_DEMO_EPISODE_EVERY: '15',
      EARSHOT_REPLAY_FILE: 'data/tweets.csv',
      EARSHOT_REPLAY_SPEED: 'max',
      EARSHOT_REPLAY_TIMESTAMPS: 'original',
      EARSHOT_WEBHOOK_PORT: '9871',
    });
    expect(options).toEqual({
      dataDir: resolve('relative/data'),
      demo: { ratePerMinute: 1200, episodeEveryMinutes: 15 },
      replays: [{ file: resolve('data/tweets.csv'), speed: 'max', timestamps: 'original' }],
      webhook: { host: '127.0.0.1', port: 9871 },
    });
    expect(coreEnvOptions({ ...HOME, EARSHOT_DEMO_EPISODE_EVERY: 'off', EARSHOT_DEMO: '0' }).demo).toEqual({ episodeEveryMinutes: null, enabled: false });
    expect(coreEnvOptions({ ...HOME, EARSHOT_DEMO: 'off' }).demo).toEqual({ enabled: false });
    expect(coreEnvOptions({ ...HOME, EARSHOT_DEMO_RATE: '0' }).demo).toEqual({ ratePerMinute: 0 });
    // Replay defaults: a minute per second, shifted into the present.
    expect(coreEnvOptions({ ...HOME, EARSHOT_REPLAY_FILE: '/d/t.csv' }).replays).toEqual([{ file: '/d/t.csv', speed: 60, timestamps: 'shifted' }]);
    expect(coreEnvOptions({ ...HOME, EARSHOT_REPLAY_FILE: '/d/t.csv', EARSHOT_REPLAY_SPEED: '0.5' }).replays?.[0]?.speed).toBe(0.5);
  });

  it('refuses bad values with a ConfigError naming the variable', () => {
    expectConfigError(() => coreEnvOptions({ ...HOME, EARSHOT_DEMO_RATE: '-1' }), 'EARSHOT_DEMO_RATE', '-1');
    expectConfigError(() => coreEnvOptions({ ...HOME, EARSHOT_DEMO_RATE: 'lots' }), 'EARSHOT_DEMO_RATE', 'lots');
    expectConfigError(() => coreEnvOptions({ ...HOME, EARSHOT_DEMO_RATE: '600001' }), 'EARSHOT_DEMO_RATE', '600001');
    expectConfigError(() => coreEnvOptions({ ...HOME, EARSHOT_DEMO_EPISODE_EVERY: '0' }), 'EARSHOT_DEMO_EPISODE_EVERY', '0');
    expectConfigError(() => coreEnvOptions({ ...HOME, EARSHOT_DEMO_EPISODE_EVERY: 'never' }), 'EARSHOT_DEMO_EPISODE_EVERY', 'never');
    const replay = { ...HOME, EARSHOT_REPLAY_FILE: '/d/t.csv' };
    expectConfigError(() => coreEnvOptions({ ...replay, EARSHOT_REPLAY_SPEED: '0' }), 'EARSHOT_REPLAY_SPEED', '0');
    expectConfigError(() => coreEnvOptions({ ...replay, EARSHOT_REPLAY_SPEED: '-3' }), 'EARSHOT_REPLAY_SPEED', '-3');
    expectConfigError(() => coreEnvOptions({ ...replay, EARSHOT_REPLAY_SPEED: 'fast' }), 'EARSHOT_REPLAY_SPEED', 'fast');
    expectConfigError(() => coreEnvOptions({ ...replay, EARSHOT_REPLAY_TIMESTAMPS: 'bad' }), 'EARSHOT_REPLAY_TIMESTAMPS', 'bad');
  });

  it('accepts only values the sources accept too, so a start never stores settings its source refuses', () => {
    // Whatever the environment lets through must pass the source's own schema; otherwise the
    // stored source is broken and shows as failing instead of the variable being named.
    for (const value of ['2000', '100000']) {
      let demo: ReturnType<typeof coreEnvOptions>['demo'] | undefined;
      try {
        demo = coreEnvOptions({ ...HOME, EARSHOT_DEMO_EPISODE_EVERY: value }).demo;
      } catch (error) {
        expect(error, `EARSHOT_DEMO_EPISODE_EVERY=${value}`).toBeInstanceOf(ConfigError);
        continue;
      }
      expect(demoConfigSchema.safeParse({ ...DEMO_DEFAULTS, ...demo }).success, `EARSHOT_DEMO_EPISODE_EVERY=${value} passed the environment check`).toBe(true);
    }
    for (const value of ['2000000', '1e9']) {
      let replay: NonNullable<ReturnType<typeof coreEnvOptions>['replays']>[number] | undefined;
      try {
        replay = coreEnvOptions({ ...HOME, EARSHOT_REPLAY_FILE: '/d/t.csv', EARSHOT_REPLAY_SPEED: value }).replays?.[0];
      } catch (error) {
        expect(error, `EARSHOT_REPLAY_SPEED=${value}`).toBeInstanceOf(ConfigError);
        continue;
      }
      expect(replayConfigSchema.safeParse(replay).success, `EARSHOT_REPLAY_SPEED=${value} passed the environment check`).toBe(true);
    }
  });
});

describe('defaultDataDir', () => {
  it('follows each platform', () => {
    expect(defaultDataDir({ APPDATA: '/appdata/Roaming' }, 'win32')).toBe(join('/appdata/Roaming', 'Earshot'));
    expect(defaultDataDir({}, 'win32')).toBe(join(homedir(), 'AppData', 'Roaming', 'Earshot'));
    expect(defaultDataDir({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'Earshot'));
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe(join('/xdg', 'Earshot'));
    expect(defaultDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'Earshot'));
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'Earshot'));
  });
});
