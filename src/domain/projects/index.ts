/** Projektportfölj: the projects a förbund owns or runs, with their funding, budget and tertial grouping. */
export * from './project.ts';
export * from './portfolio.ts';
