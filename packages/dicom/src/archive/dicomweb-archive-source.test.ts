import { DicomWebArchiveSource } from './dicomweb-archive-source';
import { FolderArchiveSource } from './folder-archive-source';
import { openArchiveSource } from './open-archive-source';

type Reply = { status?: number; body?: string; headers?: Record<string, string> };

/** A fetch that answers from a function of the URL, and records the requests. */
function fakeFetch(answer: (url: URL) => Reply | Error) {
  const calls: { url: URL; headers: Record<string, string> }[] = [];
  const impl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({ url, headers: { ...(init?.headers as Record<string, string>) } });
    const reply = answer(url);
    if (reply instanceof Error) throw reply;
    const status = reply.status ?? 200;
    return new Response(status === 204 ? null : (reply.body ?? ''), { status, headers: reply.headers });
  }) as typeof fetch;
  return { impl, calls };
}

const study = (uid: string) => ({
  '0020000D': { vr: 'UI', Value: [uid] },
  '00100020': { vr: 'LO', Value: ['P1'] },
  '00080020': { vr: 'DA', Value: ['20200102'] },
});

describe('DicomWebArchiveSource (fake server)', () => {
  it('pages with limit = pageSize + 1 and an offset cursor', async () => {
    const all = ['1.1', '1.2', '1.3'].map(study);
    const { impl, calls } = fakeFetch((url) => {
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      return { body: JSON.stringify(all.slice(offset, offset + limit)) };
    });
    const source = new DicomWebArchiveSource('http://pacs/dicom-web/', { fetch: impl });
    const first = await source.listStudies(null, 2);
    expect(first).toEqual({
      studies: [
        { studyInstanceUid: '1.1', patientId: 'P1', studyDate: '20200102' },
        { studyInstanceUid: '1.2', patientId: 'P1', studyDate: '20200102' },
      ],
      nextCursor: '2',
    });
    expect(calls[0].url.pathname).toBe('/dicom-web/studies');
    expect(calls[0].url.searchParams.get('limit')).toBe('3');
    expect(await source.listStudies('2', 2)).toMatchObject({ nextCursor: null });
    await expect(source.listStudies('x', 2)).rejects.toMatchObject({ code: 'INVALID_VALUE' });
  });

  it('follows a server that caps limit (Warning header) and treats 204 as no matches', async () => {
    const { impl } = fakeFetch((url) =>
      url.searchParams.get('offset') === '0'
        ? { body: JSON.stringify([study('1.1')]), headers: { warning: '299 pacs "limit capped to 1"' } }
        : { status: 204 },
    );
    const source = new DicomWebArchiveSource('http://pacs/dicom-web', { fetch: impl });
    expect((await source.listStudies(null, 5)).nextCursor).toBe('1');
    expect(await source.listStudies('1', 5)).toEqual({ studies: [], nextCursor: null });
  });

  it('sends basic auth from the URL or the options, and bearer tokens', async () => {
    const { impl, calls } = fakeFetch(() => ({ body: '[]' }));
    await new DicomWebArchiveSource('https://ann:s%3Acret@pacs/wado', { fetch: impl }).listStudies(null, 1);
    expect(calls[0].url.username).toBe('');
    expect(calls[0].headers.authorization).toBe(`Basic ${Buffer.from('ann:s:cret').toString('base64')}`);
    await new DicomWebArchiveSource('https://pacs/wado', { fetch: impl, auth: { bearerToken: 'tok' } }).listStudies(
      null,
      1,
    );
    expect(calls[1].headers.authorization).toBe('Bearer tok');
  });

  it('maps failures to typed errors', async () => {
    const cases: [Reply | Error, string][] = [
      [{ status: 503, body: 'busy' }, 'SOURCE_UNAVAILABLE'],
      [{ status: 429 }, 'SOURCE_UNAVAILABLE'],
      [{ status: 401 }, 'SOURCE_REJECTED'],
      [{ status: 404 }, 'NOT_FOUND'],
      [{ body: '<html>' }, 'BAD_RESPONSE'],
      [{ body: '{"not":"an array"}' }, 'BAD_RESPONSE'],
      [new TypeError('fetch failed'), 'SOURCE_UNAVAILABLE'],
      [Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 'SOURCE_UNAVAILABLE'],
    ];
    for (const [reply, code] of cases) {
      const { impl } = fakeFetch(() => reply);
      const source = new DicomWebArchiveSource('http://pacs/dicom-web', { fetch: impl, timeoutMs: 5 });
      await expect(source.listStudies(null, 1)).rejects.toMatchObject({ code });
    }
  });

  it('reports an unknown study as NOT_FOUND', async () => {
    const { impl } = fakeFetch(() => ({ body: '[]' }));
    await expect(new DicomWebArchiveSource('http://pacs/dw', { fetch: impl }).getStudy('1.2')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('keeps cache paths inside the cache folder whatever the UIDs say', () => {
    const source = new DicomWebArchiveSource('http://pacs/dw', { cacheDir: '/cache' });
    expect(source.instancePath('1.2', '../../etc', 'a/b')).toBe('/cache/1.2/.._.._etc/a_b.dcm');
    expect(() => source.instancePath('..', '1', '2')).toThrow(/Unusable UID/);
  });
});

describe('openArchiveSource', () => {
  it('opens http(s) URLs as DICOMweb, anything else as a folder', () => {
    expect(openArchiveSource('http://pacs:8042/dicom-web')).toBeInstanceOf(DicomWebArchiveSource);
    expect(openArchiveSource('HTTPS://pacs/dicom-web')).toBeInstanceOf(DicomWebArchiveSource);
    expect(openArchiveSource('/data/archive')).toBeInstanceOf(FolderArchiveSource);
    expect(openArchiveSource('file:///data/archive')).toBeInstanceOf(FolderArchiveSource);
    expect(() => openArchiveSource('ftp://x/y')).toThrow(/unknown scheme/);
  });
});
