export { labelCalciumBaseline, arteryByPosition, type BaselineDiagnostics } from './baseline-labeller';
