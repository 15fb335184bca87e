export { renderKeyImages, MAX_KEY_IMAGES, type KeyImage, type KeyImageOptions } from './render-key-images';
export { KEY_IMAGE_COLOURS, KEY_IMAGE_WINDOW } from './palette';
