// TanStack Query hooks over the typed client: the screens' only way to the service. One file per area; the screens
// import them from here. The query keys live in `keys.ts`.

export * from './connection';
export * from './exports';
export * from './imports';
export * from './items';
export { keys } from './keys';
export * from './session';
export * from './sync';
