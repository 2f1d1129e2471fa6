/**
 * One CSV record: its fields and the physical line (1-based) it starts on,
 * so that a report can point at the line a text editor shows.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A record the reader could not split, such as one with an unclosed quote. */
export interface CsvRecordProblem {
  line: number;
  reason: string;
}

export interface CsvRecords {
  records: CsvRecord[];
  problems: CsvRecordProblem[];
}

/**
 * Splits CSV text into records as RFC 4180 describes them: fields separated
 * by commas, records by CRLF or LF, double quotes around fields that contain
 * commas, quotes or line breaks, and `""` for a quote inside a quoted field.
 * A leading byte order mark is dropped and blank lines are skipped. A quote
 * that is never closed, or text after a closing quote, makes a problem on
 * the line where the record starts.
 */
export function readCsvRecords(text: string): CsvRecords {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const problems: CsvRecordProblem[] = [];

  let line = 1;
  let index = 0;
  while (index < source.length) {
    const start = line;
    const result = readRecord(source, index, line);
    index = result.next;
    line = result.line;

    if (result.problem !== null) {
      problems.push({ line: start, reason: result.problem });
      continue;
    }
    const blank = result.fields.length === 1 && result.fields[0] === "";
    if (!blank) records.push({ line: start, fields: result.fields });
  }
  return { records, problems };
}

interface RecordResult {
  fields: string[];
  next: number;
  line: number;
  problem: string | null;
}

// Reads one record starting at `index`, through its line break.
function readRecord(text: string, index: number, line: number): RecordResult {
  const fields: string[] = [];
  let problem: string | null = null;
  let position = index;

  for (;;) {
    let field = "";
    if (text[position] === '"') {
      const quoteLine = line;
      position += 1;
      let closed = false;
      let chunkStart = position;
      while (position < text.length) {
        const char = text[position];
        if (char === '"') {
          field += text.slice(chunkStart, position);
          if (text[position + 1] === '"') {
            field += '"';
            position += 2;
            chunkStart = position;
            continue;
          }
          closed = true;
          position += 1;
          break;
        }
        if (char === "\n") line += 1;
        position += 1;
      }
      if (!closed) {
        return {
          fields,
          next: text.length,
          line,
          problem: `field ${fields.length + 1} opens a quote on line ${quoteLine} that is never closed. Close the quote or double it ("") inside a quoted field`,
        };
      }
      const after = text[position];
      if (
        after !== undefined &&
        after !== "," &&
        after !== "\r" &&
        after !== "\n"
      ) {
        problem ??= `field ${fields.length + 1} has text after its closing quote. Quote the whole field and write a quote inside it as ""`;
        while (
          position < text.length &&
          text[position] !== "," &&
          text[position] !== "\n"
        ) {
          position += 1;
        }
      }
    } else {
      const start = position;
      while (
        position < text.length &&
        text[position] !== "," &&
        text[position] !== "\n"
      ) {
        position += 1;
      }
      field = text.slice(start, position);
      if (field.endsWith("\r") && text[position] !== ",") {
        field = field.slice(0, -1);
      }
    }
    fields.push(field);

    if (text[position] === ",") {
      position += 1;
      continue;
    }
    if (text[position] === "\r") position += 1;
    if (text[position] === "\n") {
      position += 1;
      line += 1;
    }
    return { fields, next: position, line, problem };
  }
}
