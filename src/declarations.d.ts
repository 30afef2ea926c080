declare module '*.css';
declare module '*.scss';
declare module '*.png';

declare interface RequireContext {
  keys(): string[];
  (id: string): unknown;
  <T>(id: string): T;
  resolve(id: string): string;
  id: string;
}
declare namespace NodeJS {
  interface Require {
    context(path: string, deep?: boolean, filter?: RegExp, mode?: 'sync' | 'eager' | 'weak' | 'lazy' | 'lazy-once'): RequireContext;
  }
}
