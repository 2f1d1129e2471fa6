/** One named input of a computed figure, with its value as plain text. */
export interface TraceInput {
  name: string;
  value: string;
}

/**
 * The explanation of one computed figure: its inputs, the formula that
 * combined them and, for sums, the traces of the parts that were added.
 */
export interface Trace {
  /** Figure explained, such as "Capacity FY2027-M03 AE". */
  figure: string;
  /** Value of the figure as a decimal string. */
  value: string;
  /** Formula in words, such as "headcount x annual productivity / 12 x ramp". */
  formula: string;
  inputs: TraceInput[];
  /** Traces of the figures this one adds up, when it is a sum. */
  parts: Trace[];
}

/** A money figure in exact cents with its decimal string and its trace. */
export interface MoneyFigure {
  cents: number;
  /** Amount as a decimal string to the cent, such as "1250.00". */
  amount: string;
  trace: Trace;
}

/** Builds a trace from a record of named inputs. */
export function makeTrace(
  figure: string,
  value: string,
  formula: string,
  inputs: Record<string, string>,
  parts: Trace[] = [],
): Trace {
  const list = Object.entries(inputs).map(([name, text]) => ({
    name,
    value: text,
  }));
  return { figure, value, formula, inputs: list, parts };
}

/** Renders a trace as one line: "figure = value: formula (name value, ...)". */
export function describeTrace(trace: Trace): string {
  const inputs = trace.inputs.map((i) => `${i.name} ${i.value}`).join(", ");
  const suffix = inputs === "" ? "" : ` (${inputs})`;
  return `${trace.figure} = ${trace.value}: ${trace.formula}${suffix}`;
}
