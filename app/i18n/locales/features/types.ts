/** The same shape with every leaf a string: how `en` is typed against `zhCN`. */
export type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
