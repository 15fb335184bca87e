export { HOSTILE_CASES } from './hostile-cases';
export type { CorpusFile, HostileCase, HostileExpectation } from './hostile-cases';
export { controlStudyFiles, writeHostileCorpus } from './write-hostile-corpus';
export type { WrittenHostileCase } from './write-hostile-corpus';
export { judgeOutcome } from './judge-outcome';
export type { ScoreAnswer } from './judge-outcome';
