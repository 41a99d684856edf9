/** LAMMPS `metal` units: eV/Å³ → bar, the factor LAMMPS calls nktv2p. */
export const EV_PER_A3_TO_BAR = 1.6021765e6;
export const BAR_TO_MPA = 0.1;
/** Voigt-like order used for per-atom stress, as in LAMMPS `compute stress/atom`: xx yy zz xy xz yz. */
export const TENSOR_COMPONENTS = ['xx', 'yy', 'zz', 'xy', 'xz', 'yz'] as const;
