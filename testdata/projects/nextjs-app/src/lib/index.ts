// Barrel file: `export *` and a renaming `export { x as y } from`.
export * from './db';
export { connectToDatabase as connect } from './db';
