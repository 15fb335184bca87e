export { calibrationFactorFromInsert } from './calibration-factor';
export { massMg } from './mass';
