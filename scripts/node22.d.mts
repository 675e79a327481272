export declare const projectRoot: string;
export declare function node22Binary(): string | null;
export declare function node22HeadersDir(): string | null;
export declare function node22Environment(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
