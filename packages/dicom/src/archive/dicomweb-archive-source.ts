import { randomBytes } from 'crypto';
import { mkdir, rename, rm, stat, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import * as path from 'path';
import { BadResponseError, DicomError, NotFoundError, SourceRejectedError, SourceUnavailableError } from '../errors';
import {
  type DicomJsonDataSet,
  JSON_TAG,
  isDataSet,
  jsonNumber,
  jsonString,
  summaryFieldsFromJson,
} from './dicomweb/dicom-json';
import { parseContentType, parseMultipart } from './dicomweb/multipart';
import { type SummaryFields, summarizeSeries } from './summarize-series';
import type { ArchiveSource, IndexedStudy, SeriesSummary, StudyRef } from './types';

export type DicomWebAuth = { username: string; password: string } | { bearerToken: string };

export interface DicomWebOptions {
  /** Where fetched instances are kept: `{cacheDir}/{study UID}/{series UID}/{SOP UID}.dcm`. */
  cacheDir?: string;
  /** Per request, connection to last byte (ms). Default 60 000. */
  timeoutMs?: number;
  auth?: DicomWebAuth;
  /** Extra request headers (e.g. an API gateway key). */
  headers?: Record<string, string>;
  /** Instances fetched in parallel by fetchSeries. Default 4. */
  concurrency?: number;
  /**
   * transfer-syntax parameter of the WADO-RS Accept header. '*' (default) asks for the instances as stored, with no
   * transcoding; a UID such as '1.2.840.10008.1.2.1' asks the server to transcode (useful for lossy JPEG, which this
   * package does not decode); null leaves the parameter out (the standard's default is Explicit VR Little Endian).
   */
  transferSyntax?: string | null;
  /** For tests: the fetch to use. Default the global fetch. */
  fetch?: typeof fetch;
}

/** Attributes asked of QIDO-RS per instance: enough to summarise a series (geometry) and to name the files. */
const INSTANCE_FIELDS = [
  JSON_TAG.SOPInstanceUID,
  JSON_TAG.SOPClassUID,
  JSON_TAG.InstanceNumber,
  JSON_TAG.ImagePositionPatient,
  JSON_TAG.ImageOrientationPatient,
  JSON_TAG.SliceThickness,
  JSON_TAG.NumberOfFrames,
  JSON_TAG.ContrastBolusAgent,
];

const SERIES_FIELDS = [
  JSON_TAG.Modality,
  JSON_TAG.SeriesDescription,
  JSON_TAG.SeriesNumber,
  JSON_TAG.NumberOfSeriesRelatedInstances,
];

/** A UID used as a file or folder name: anything outside [0-9A-Za-z._-] becomes '_', and '.'/'..' are refused. */
function safeName(uid: string): string {
  const name = uid.replace(/[^0-9A-Za-z._-]/g, '_');
  if (name === '' || name === '.' || name === '..') throw new BadResponseError(`Unusable UID "${uid}"`);
  return name;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}

interface InstanceRef {
  sopInstanceUid: string;
  fields: DicomJsonDataSet;
}

/**
 * An archive reached over DICOMweb: QIDO-RS lists studies, series and instances; WADO-RS metadata fills in what
 * QIDO does not return (ImageType, kernel, kVp...); WADO-RS retrieves instances into a local cache so that
 * `readSeriesVolume` reads them like any folder.
 *
 * - `listStudies(cursor, pageSize)`: the cursor is the QIDO offset (a decimal string); pages follow the server's
 *   order, which is stable as long as the archive does not change.
 * - `getStudy(uid)`: series summaries from headers only, without fetching pixels. `series[].files` are the cache
 *   paths the instances are (or will be) fetched to; call `fetchSeries` before reading them.
 * - `fetchSeries(study, series)`: fetches the instances not yet in the cache and returns the paths.
 *
 * Errors: NotFoundError (404, or a study QIDO does not know), SourceUnavailableError (network, timeout, 5xx, 408,
 * 429; retryable), SourceRejectedError (other 4xx; not retryable), BadResponseError (not DICOMweb). Retries are the
 * caller's job.
 */
/** A probe is a person waiting for a sweep to start: an archive that takes longer is reported as unreachable. */
const PROBE_TIMEOUT_MS = 10_000;

export class DicomWebArchiveSource implements ArchiveSource {
  readonly baseUrl: string;
  readonly cacheDir: string;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly headers: Record<string, string>;
  private readonly acceptDicom: string;
  private readonly fetchImpl: typeof fetch;

  constructor(baseUrl: string, options: DicomWebOptions = {}) {
    const url = new URL(baseUrl);
    let auth = options.auth;
    // Credentials in the URL (https://user:pass@host/...) become basic auth: fetch refuses URLs that carry them.
    if (url.username && !auth) {
      auth = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
    }
    url.username = '';
    url.password = '';
    this.baseUrl = url.toString().replace(/\/+$/, '');
    this.cacheDir = options.cacheDir ?? path.join(tmpdir(), 'cacscreen-dicomweb-cache');
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
    this.headers = { ...options.headers };
    if (auth && 'bearerToken' in auth) this.headers.authorization = `Bearer ${auth.bearerToken}`;
    else if (auth) {
      this.headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    }
    const syntax = options.transferSyntax === undefined ? '*' : options.transferSyntax;
    this.acceptDicom = `multipart/related; type="application/dicom"${syntax === null ? '' : `; transfer-syntax=${syntax}`}`;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async probe(): Promise<void> {
    const url = this.url('studies');
    url.searchParams.set('limit', '1');
    await this.request(url, 'application/dicom+json, application/json', 'study search', PROBE_TIMEOUT_MS);
  }

  async listStudies(
    cursor: string | null,
    pageSize: number,
  ): Promise<{ studies: StudyRef[]; nextCursor: string | null }> {
    const size = Math.max(1, Math.floor(pageSize));
    const offset = cursor === null ? 0 : Number(cursor);
    if (!Number.isInteger(offset) || offset < 0) {
      throw new DicomError('INVALID_VALUE', `DICOMweb cursor must be a non-negative offset, got "${cursor}"`);
    }
    // One more than a page tells whether another page follows without a further request.
    const { json, warning } = await this.qido('studies', {
      limit: String(size + 1),
      offset: String(offset),
      includefield: [JSON_TAG.PatientID, JSON_TAG.StudyDate],
    });
    const studies = json.map((ds) => this.studyRef(ds)).filter((s): s is StudyRef => s !== null);
    if (studies.length > size) return { studies: studies.slice(0, size), nextCursor: String(offset + size) };
    // A server that caps `limit` says so in a Warning header: then ask again from where its page ended.
    const capped = warning !== null && studies.length > 0;
    return { studies, nextCursor: capped ? String(offset + json.length) : null };
  }

  async getStudy(studyInstanceUid: string): Promise<IndexedStudy> {
    const { json: matches } = await this.qido('studies', {
      StudyInstanceUID: studyInstanceUid,
      includefield: [JSON_TAG.PatientID, JSON_TAG.StudyDate],
    });
    const ref = matches.map((ds) => this.studyRef(ds)).find((s) => s?.studyInstanceUid === studyInstanceUid);
    if (!ref) throw new NotFoundError(`Study ${studyInstanceUid} is not in the DICOMweb archive ${this.baseUrl}`);
    const { json: seriesList } = await this.qido(`studies/${encodeURIComponent(studyInstanceUid)}/series`, {
      includefield: SERIES_FIELDS,
    });
    const series: SeriesSummary[] = [];
    for (const ds of seriesList) {
      const seriesUid = jsonString(ds, JSON_TAG.SeriesInstanceUID);
      if (!seriesUid) continue;
      series.push(await this.summarize(studyInstanceUid, seriesUid, ds));
    }
    series.sort((a, b) =>
      a.seriesInstanceUid < b.seriesInstanceUid ? -1 : a.seriesInstanceUid > b.seriesInstanceUid ? 1 : 0,
    );
    return { ...ref, series, unreadable: [], warnings: [] };
  }

  /** Cache path of one instance. */
  instancePath(studyInstanceUid: string, seriesInstanceUid: string, sopInstanceUid: string): string {
    return path.join(this.seriesDir(studyInstanceUid, seriesInstanceUid), `${safeName(sopInstanceUid)}.dcm`);
  }

  /**
   * Fetches every instance of the series that is not in the cache yet (WADO-RS, `concurrency` at a time) and
   * returns all the series' paths, sorted (the same list as the summary's `files`). Files are written under a
   * temporary name and renamed, so an interrupted fetch never leaves a partial file under the final name.
   */
  async fetchSeries(studyInstanceUid: string, seriesInstanceUid: string): Promise<string[]> {
    const instances = await this.listInstances(studyInstanceUid, seriesInstanceUid);
    if (instances.length === 0) {
      throw new NotFoundError(
        `Series ${seriesInstanceUid} of study ${studyInstanceUid} has no instances in ${this.baseUrl}`,
      );
    }
    await mkdir(this.seriesDir(studyInstanceUid, seriesInstanceUid), { recursive: true });
    const paths = instances.map((i) => this.instancePath(studyInstanceUid, seriesInstanceUid, i.sopInstanceUid));
    let next = 0;
    const worker = async () => {
      while (next < instances.length) {
        const i = next++;
        if (await exists(paths[i])) continue;
        const bytes = await this.retrieveInstance(studyInstanceUid, seriesInstanceUid, instances[i].sopInstanceUid);
        const temporary = `${paths[i]}.${randomBytes(6).toString('hex')}.part`;
        try {
          await writeFile(temporary, bytes);
          await rename(temporary, paths[i]);
        } catch (error) {
          await rm(temporary, { force: true });
          throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, instances.length) }, worker));
    return [...paths].sort();
  }

  /** One instance's bytes (a DICOM Part 10 file) by WADO-RS. */
  async retrieveInstance(studyUid: string, seriesUid: string, sopUid: string): Promise<Uint8Array> {
    const url = this.url(
      `studies/${encodeURIComponent(studyUid)}/series/${encodeURIComponent(seriesUid)}/instances/${encodeURIComponent(sopUid)}`,
    );
    const response = await this.request(url, this.acceptDicom, `instance ${sopUid}`);
    const body = await this.readBody(response, url);
    const contentType = response.headers.get('content-type') ?? '';
    const { mediaType } = parseContentType(contentType);
    if (mediaType === 'application/dicom') return body;
    const parts = parseMultipart(body, contentType);
    const part = parts.find(
      (p) => parseContentType(p.headers['content-type'] ?? 'application/dicom').mediaType === 'application/dicom',
    );
    if (!part) throw new BadResponseError(`WADO-RS ${url} returned no application/dicom part`);
    return part.body;
  }

  private seriesDir(studyUid: string, seriesUid: string): string {
    return path.join(this.cacheDir, safeName(studyUid), safeName(seriesUid));
  }

  private studyRef(ds: DicomJsonDataSet): StudyRef | null {
    const studyInstanceUid = jsonString(ds, JSON_TAG.StudyInstanceUID);
    if (!studyInstanceUid) return null;
    return {
      studyInstanceUid,
      patientId: jsonString(ds, JSON_TAG.PatientID) ?? null,
      studyDate: jsonString(ds, JSON_TAG.StudyDate) ?? null,
    };
  }

  private async listInstances(studyUid: string, seriesUid: string): Promise<InstanceRef[]> {
    const { json } = await this.qido(
      `studies/${encodeURIComponent(studyUid)}/series/${encodeURIComponent(seriesUid)}/instances`,
      { includefield: INSTANCE_FIELDS },
    );
    const out: InstanceRef[] = [];
    for (const fields of json) {
      const sopInstanceUid = jsonString(fields, JSON_TAG.SOPInstanceUID);
      if (sopInstanceUid) out.push({ sopInstanceUid, fields });
    }
    return out;
  }

  /**
   * Summary of one series: per-instance geometry from QIDO-RS, series-wide attributes from the first instance's
   * WADO-RS metadata. When QIDO leaves out the geometry (servers may ignore includefield) or the series is
   * multi-frame (positions are in functional groups), every instance's metadata is read instead.
   */
  private async summarize(studyUid: string, seriesUid: string, seriesFields: DicomJsonDataSet): Promise<SeriesSummary> {
    const instances = await this.listInstances(studyUid, seriesUid);
    if (instances.length === 0) {
      const empty = summarizeSeries(seriesUid, [{ path: '', instance: summaryFieldsFromJson(seriesFields) }]);
      return { ...empty, files: [], sliceCount: 0 };
    }
    const seriesPath = `studies/${encodeURIComponent(studyUid)}/series/${encodeURIComponent(seriesUid)}`;
    const first = await this.metadata(
      `${seriesPath}/instances/${encodeURIComponent(instances[0].sopInstanceUid)}/metadata`,
    );
    const firstFields = first[0] ?? {};
    const incomplete = instances.some(
      (i) => !i.fields[JSON_TAG.ImagePositionPatient]?.Value || !i.fields[JSON_TAG.ImageOrientationPatient]?.Value,
    );
    const multiFrame = instances.some((i) => (jsonNumber(i.fields, JSON_TAG.NumberOfFrames) ?? 1) > 1);
    const base = summaryFieldsFromJson({ ...seriesFields, ...firstFields });
    let members: { path: string; instance: SummaryFields }[];
    if (incomplete || multiFrame) {
      const all = await this.metadata(`${seriesPath}/metadata`);
      members = all
        .map((ds) => ({ uid: jsonString(ds, JSON_TAG.SOPInstanceUID), ds }))
        .filter((m): m is { uid: string; ds: DicomJsonDataSet } => m.uid !== undefined)
        .map(({ uid, ds }) => ({
          path: this.instancePath(studyUid, seriesUid, uid),
          instance: summaryFieldsFromJson({ ...seriesFields, ...ds }),
        }));
    } else {
      members = instances.map((i) => {
        const own = summaryFieldsFromJson(i.fields);
        return {
          path: this.instancePath(studyUid, seriesUid, i.sopInstanceUid),
          instance: {
            ...base,
            imagePositionPatient: own.imagePositionPatient,
            imageOrientationPatient: own.imageOrientationPatient,
            sliceThickness: own.sliceThickness ?? base.sliceThickness,
            numberOfFrames: own.numberOfFrames,
            contrastBolusAgent: own.contrastBolusAgent ?? base.contrastBolusAgent,
            sopClassUid: own.sopClassUid ?? base.sopClassUid,
          },
        };
      });
    }
    return summarizeSeries(seriesUid, members);
  }

  private async metadata(relative: string): Promise<DicomJsonDataSet[]> {
    return (await this.json(this.url(relative), 'application/dicom+json')).json;
  }

  private async qido(
    relative: string,
    query: Record<string, string | readonly string[]>,
  ): Promise<{ json: DicomJsonDataSet[]; warning: string | null }> {
    const url = this.url(relative);
    for (const [name, value] of Object.entries(query)) {
      for (const v of typeof value === 'string' ? [value] : value) url.searchParams.append(name, v);
    }
    return this.json(url, 'application/dicom+json, application/json');
  }

  private url(relative: string): URL {
    return new URL(`${this.baseUrl}/${relative}`);
  }

  private async json(url: URL, accept: string): Promise<{ json: DicomJsonDataSet[]; warning: string | null }> {
    const response = await this.request(url, accept, 'query');
    // 204 No Content: QIDO's "no matches".
    if (response.status === 204) return { json: [], warning: response.headers.get('warning') };
    const text = new TextDecoder().decode(await this.readBody(response, url));
    if (text.trim() === '') return { json: [], warning: response.headers.get('warning') };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new BadResponseError(`DICOMweb ${url.pathname} did not return JSON: ${describe(error)}`, { cause: error });
    }
    if (!Array.isArray(parsed) || !parsed.every(isDataSet)) {
      throw new BadResponseError(`DICOMweb ${url.pathname} did not return an array of DICOM JSON data sets`);
    }
    return { json: parsed, warning: response.headers.get('warning') };
  }

  private async request(url: URL, accept: string, what: string, timeoutMs = this.timeoutMs): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        headers: { ...this.headers, accept },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw this.networkError(url, error, timeoutMs);
    }
    if (response.ok) return response;
    const detail = (await response.text().catch(() => '')).slice(0, 200).trim();
    const message = `DICOMweb ${what} ${url.pathname} answered HTTP ${response.status}${detail ? `: ${detail}` : ''}`;
    if (response.status === 404) throw new NotFoundError(message);
    if (response.status >= 500 || response.status === 408 || response.status === 429) {
      throw new SourceUnavailableError(message, response.status);
    }
    throw new SourceRejectedError(message, response.status);
  }

  private async readBody(response: Response, url: URL): Promise<Uint8Array> {
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw this.networkError(url, error);
    }
  }

  private networkError(url: URL, error: unknown, timeoutMs = this.timeoutMs): DicomError {
    if (error instanceof DicomError) return error;
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new SourceUnavailableError(
        `DICOMweb ${url.origin}${url.pathname} timed out after ${timeoutMs} ms`,
        undefined,
        {
          cause: error,
        },
      );
    }
    return new SourceUnavailableError(
      `DICOMweb ${url.origin}${url.pathname} unreachable: ${describe(error)}`,
      undefined,
      {
        cause: error,
      },
    );
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).size > 0;
  } catch {
    return false;
  }
}
