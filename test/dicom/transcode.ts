// Re-encodes DICOM files in other transfer syntaxes with dcmtk (and gdcmconv for JPEG 2000), for tests and the
// decode benchmark. Every syntax here is lossless: decoding must give back the original stored values.
import { execFile, spawnSync } from 'child_process';
import { mkdir } from 'fs/promises';
import * as path from 'path';
import { promisify } from 'util';

const run = promisify(execFile);

export interface LosslessSyntax {
  /** Short name, also the output folder name. */
  key: string;
  name: string;
  uid: string;
  tool: string;
  args: string[];
}

export const LOSSLESS_SYNTAXES: LosslessSyntax[] = [
  { key: 'implicit-le', name: 'Implicit VR Little Endian', uid: '1.2.840.10008.1.2', tool: 'dcmconv', args: ['+ti'] },
  { key: 'explicit-le', name: 'Explicit VR Little Endian', uid: '1.2.840.10008.1.2.1', tool: 'dcmconv', args: ['+te'] },
  { key: 'explicit-be', name: 'Explicit VR Big Endian', uid: '1.2.840.10008.1.2.2', tool: 'dcmconv', args: ['+tb'] },
  { key: 'deflated', name: 'Deflated Explicit VR LE', uid: '1.2.840.10008.1.2.1.99', tool: 'dcmconv', args: ['+td'] },
  { key: 'rle', name: 'RLE Lossless', uid: '1.2.840.10008.1.2.5', tool: 'dcmcrle', args: [] },
  // dcmcjpeg +el uses selection value 6 (process 14, .57); +e1 is selection value 1 (.70).
  {
    key: 'jpeg-ll-p14',
    name: 'JPEG Lossless P14 (SV6)',
    uid: '1.2.840.10008.1.2.4.57',
    tool: 'dcmcjpeg',
    args: ['+el'],
  },
  { key: 'jpeg-ll-sv1', name: 'JPEG Lossless SV1', uid: '1.2.840.10008.1.2.4.70', tool: 'dcmcjpeg', args: ['+e1'] },
  { key: 'jpeg-ls', name: 'JPEG-LS Lossless', uid: '1.2.840.10008.1.2.4.80', tool: 'dcmcjpls', args: ['+el'] },
  // gdcmconv --j2k is lossless (reversible 5/3 wavelet) unless a quality or rate is asked for.
  { key: 'j2k', name: 'JPEG 2000 Lossless', uid: '1.2.840.10008.1.2.4.90', tool: 'gdcmconv', args: ['--j2k'] },
];

const available = new Map<string, boolean>();

/** Whether the encoder a syntax needs is installed. */
export function encoderAvailable(syntax: LosslessSyntax): boolean {
  let ok = available.get(syntax.tool);
  if (ok === undefined) {
    const probe = spawnSync(syntax.tool, ['--version'], { encoding: 'utf8' });
    ok = !probe.error;
    available.set(syntax.tool, ok);
  }
  return ok;
}

export function installHint(syntax: LosslessSyntax): string {
  return syntax.tool === 'gdcmconv' ? 'apt-get install libgdcm-tools' : 'apt-get install dcmtk';
}

/**
 * Writes each input file re-encoded into outDir (same base names), `concurrency` encoder processes at a time.
 * Returns the output paths in input order.
 */
export async function transcodeFiles(
  files: string[],
  syntax: LosslessSyntax,
  outDir: string,
  concurrency = 2,
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const outputs = files.map((f) => path.join(outDir, path.basename(f)));
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      try {
        await run(syntax.tool, [...syntax.args, files[i], outputs[i]]);
      } catch (error) {
        const detail = (error as { stderr?: string }).stderr ?? String(error);
        throw new Error(`${syntax.tool} ${syntax.args.join(' ')} failed on ${files[i]}: ${detail}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return outputs;
}
