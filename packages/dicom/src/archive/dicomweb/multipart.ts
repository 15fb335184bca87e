/**
 * multipart/related bodies (RFC 2046 §5.1, as WADO-RS uses them): parts separated by `--boundary` lines, each with
 * MIME headers, a blank line and the body; `--boundary--` closes. Binary-safe: the body is searched as bytes.
 */
import { BadResponseError } from '../../errors';

export interface MultipartPart {
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** A Content-Type split into its media type (lower case) and parameters (names lower case, quotes removed). */
export function parseContentType(contentType: string): { mediaType: string; params: Record<string, string> } {
  const [mediaType, ...rest] = splitOutsideQuotes(contentType, ';');
  const params: Record<string, string> = {};
  for (const item of rest) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    const name = item.slice(0, eq).trim().toLowerCase();
    let value = item.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    params[name] = value;
  }
  return { mediaType: mediaType.trim().toLowerCase(), params };
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && text[i - 1] !== '\\') quoted = !quoted;
    if (c === separator && !quoted) {
      out.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  out.push(current);
  return out;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(needle, from);
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Splits a multipart body into its parts. The boundary comes from the Content-Type. A delimiter only counts at the
 * start of the body or after CRLF, so the same bytes inside a part's data do not split it. Parts whose headers give
 * a Content-Length are cut to it. Throws BadResponseError when the body has no boundary, no parts, or a part without
 * a header block.
 */
export function parseMultipart(body: Uint8Array, contentType: string): MultipartPart[] {
  const { mediaType, params } = parseContentType(contentType);
  if (!mediaType.startsWith('multipart/')) {
    throw new BadResponseError(`Expected a multipart body, got Content-Type "${contentType}"`);
  }
  const boundary = params.boundary;
  if (!boundary) throw new BadResponseError(`Multipart Content-Type without a boundary: "${contentType}"`);
  const delimiter = Buffer.from(`--${boundary}`);
  const separator = Buffer.from(`\r\n--${boundary}`);

  // The first delimiter may open the body (no preamble) or follow a preamble and CRLF.
  let position = indexOf(body, delimiter, 0);
  if (position > 0) {
    const afterCrlf = indexOf(body, separator, 0);
    position = afterCrlf < 0 ? -1 : afterCrlf + 2;
  }
  if (position < 0) throw new BadResponseError(`Multipart body does not contain its boundary "${boundary}"`);

  const parts: MultipartPart[] = [];
  for (;;) {
    let cursor = position + delimiter.length;
    // "--" after the delimiter closes the body.
    if (body[cursor] === 0x2d && body[cursor + 1] === 0x2d) break;
    // Transport padding (spaces, tabs) then CRLF end the delimiter line.
    while (body[cursor] === 0x20 || body[cursor] === 0x09) cursor++;
    if (body[cursor] !== 0x0d || body[cursor + 1] !== 0x0a) {
      throw new BadResponseError('Malformed multipart body: a boundary line does not end with CRLF');
    }
    cursor += 2;
    // A part without headers starts directly with the blank line.
    const headerEnd =
      body[cursor] === 0x0d && body[cursor + 1] === 0x0a ? cursor - 2 : indexOf(body, HEADER_END, cursor);
    if (headerEnd < 0) throw new BadResponseError('Malformed multipart body: a part has no end of headers');
    const headers: Record<string, string> = {};
    const headerText = Buffer.from(body.buffer, body.byteOffset + cursor, Math.max(0, headerEnd - cursor)).toString(
      'latin1',
    );
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const start = headerEnd + HEADER_END.length;
    const declared = headers['content-length'] !== undefined ? Number(headers['content-length']) : NaN;
    let end: number;
    if (Number.isInteger(declared) && declared >= 0 && start + declared <= body.length) {
      end = start + declared;
      position = indexOf(body, separator, end);
      if (position < 0) throw new BadResponseError('Truncated multipart body: the closing boundary is missing');
      position += CRLF.length;
    } else {
      const next = indexOf(body, separator, start);
      if (next < 0) throw new BadResponseError('Truncated multipart body: the closing boundary is missing');
      end = next;
      position = next + CRLF.length;
    }
    parts.push({ headers, body: body.subarray(start, end) });
  }
  if (parts.length === 0) throw new BadResponseError('Multipart body without parts');
  return parts;
}
