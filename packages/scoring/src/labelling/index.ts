export { labelCalciumBaseline, arteryByPosition, type BaselineDiagnostics } from './baseline-labeller';
export {
  labelCalciumByAnatomy,
  type AnatomyLabelling,
  type CandidateRecord,
  type CandidateDecision,
} from './anatomy-labeller';
