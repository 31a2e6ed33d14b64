// China's extent in decimal degrees (CGCS2000 / WGS 84), generously rounded:
// Pamirs ~73.5 E to the Wusuli ~135.1 E, Zengmu Ansha ~3.9 N to Mohe ~53.6 N.
export const LONGITUDE_RANGE = [73, 136] as const;
export const LATITUDE_RANGE = [3, 54] as const;
