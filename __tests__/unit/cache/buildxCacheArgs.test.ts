import { describe, expect, it } from 'vitest';
import {
  csvField,
  ghaCacheFlags,
  localCacheFlags,
  toBuildxArgs,
} from '../../../src/cache/buildxCacheArgs.js';

describe('buildx cache flags', () => {
  it.each([
    {
      name: 'cold run: export only, to a fresh directory',
      flags: localCacheFlags({ toDir: '/t/next/buildkit' }),
      argv: ['--cache-to', 'type=local,dest=/t/next/buildkit,mode=max,ignore-error=true'],
    },
    {
      name: 'restored by prefix: import the old cache, export a fresh one',
      flags: localCacheFlags({ fromDir: '/t/cache/buildkit', toDir: '/t/next/buildkit' }),
      argv: [
        '--cache-from',
        'type=local,src=/t/cache/buildkit',
        '--cache-to',
        'type=local,dest=/t/next/buildkit,mode=max,ignore-error=true',
      ],
    },
    {
      name: 'exact hit: import only',
      flags: localCacheFlags({ fromDir: '/t/cache/buildkit' }),
      argv: ['--cache-from', 'type=local,src=/t/cache/buildkit'],
    },
    {
      name: 'gha: buildx talks to the cache service itself',
      flags: ghaCacheFlags('microb-buildkit-v1-api-linux-amd64-0123456789'),
      argv: [
        '--cache-from',
        'type=gha,scope=microb-buildkit-v1-api-linux-amd64-0123456789',
        '--cache-to',
        'type=gha,scope=microb-buildkit-v1-api-linux-amd64-0123456789,mode=max,ignore-error=true',
      ],
    },
  ])('$name', ({ flags, argv }) => {
    expect(toBuildxArgs(flags)).toEqual(argv);
  });

  it('quotes a path with a comma or a quote the way buildx reads CSV', () => {
    expect(csvField('src=/a/b')).toBe('src=/a/b');
    expect(csvField('src=/a,b')).toBe('"src=/a,b"');
    expect(csvField('src=/a"b')).toBe('"src=/a""b"');
    expect(localCacheFlags({ fromDir: '/tmp/x,y' }).cacheFrom).toEqual(['type=local,"src=/tmp/x,y"']);
  });
});
