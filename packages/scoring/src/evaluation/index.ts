export * from './agreement';
export * from './lesion-agreement';
