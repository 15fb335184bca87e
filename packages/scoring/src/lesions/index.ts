export type { Lesion } from './lesion';
export { groupLesions, type ArteryComponent } from './group-lesions';
