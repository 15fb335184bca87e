import { CsvSyntaxError, parseCsv } from './csv-parse';

describe('CSV parsing (csv-parse, strict)', () => {
  it('reads quoted cells, doubled quotes, CRLF and a BOM, each record with its file line', () => {
    expect(parseCsv('\ufeffmrn,site\r\n"A,1","St ""Mary"""\r\nB2,x')).toEqual([
      { cells: ['mrn', 'site'], line: 1 },
      { cells: ['A,1', 'St "Mary"'], line: 2 },
      { cells: ['B2', 'x'], line: 3 },
    ]);
  });

  it('skips blank lines but keeps true line numbers, and ends a multi-line cell on its last line', () => {
    expect(parseCsv('mrn\n\nA1\n"B\n2"\nC3\n')).toEqual([
      { cells: ['mrn'], line: 1 },
      { cells: ['A1'], line: 3 },
      { cells: ['B\n2'], line: 5 },
      { cells: ['C3'], line: 6 },
    ]);
  });

  it('leaves rows of another length to the caller', () => {
    expect(parseCsv('a,b\n1\n1,2,3').map((r) => r.cells.length)).toEqual([2, 1, 3]);
  });

  it('refuses text after a closing quote ("abc"def) and a quote never closed, naming the line', () => {
    expect(() => parseCsv('mrn,site\n"abc"def,x\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('mrn,site\n"abc"def,x\n')).toThrow(/line 2/);
    expect(() => parseCsv('mrn,site\nA1,x\n"A2,y\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('mrn,site\nA1,x\n"A2,y\n')).toThrow(/line 3/);
  });
});
