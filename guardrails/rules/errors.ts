/** One reason a rule pack was refused: where, what, and how to fix it. */
export interface PackProblem {
  /** The rule id (or "#3" for an entry without a usable id); absent for a problem with the pack itself. */
  rule?: string;
  problem: string;
  fix: string;
}

/** A rule pack that contradicts itself or names something the engine does not know; never loaded half-way. */
export class RulePackError extends Error {
  constructor(
    readonly pack: string,
    readonly problems: readonly PackProblem[],
  ) {
    super(
      `Rule pack ${pack} refused:\n${problems
        .map((p) => `  - ${p.rule ? `rule ${p.rule}: ` : ''}${p.problem} Fix: ${p.fix}`)
        .join('\n')}`,
    );
    this.name = 'RulePackError';
  }
}
