/**
 * An EAM potential as tabulated in a LAMMPS potential file, independent of any simulation's
 * atom types. Tables hold the file's numbers on the file's uniform grids (funcfl files are
 * regridded and combined into this form by their parser, as LAMMPS does).
 */
export interface EamPotential {
  readonly format: 'eam/alloy' | 'eam/fs' | 'eam';
  /** Where it came from, for messages. */
  readonly source: string;
  readonly elements: readonly string[];
  readonly masses: readonly number[];
  readonly nrho: number;
  readonly drho: number;
  readonly nr: number;
  readonly dr: number;
  readonly cutoff: number;
  /** Embedding energy F(ρ) per element, eV, nrho values at ρ = k·drho. */
  readonly frho: readonly Float64Array[];
  /**
   * Electron density per (source element, host element), nr values at r = k·dr: what an atom of
   * the source element contributes at a host atom. setfl and funcfl ignore the host.
   */
  readonly rhor: readonly (readonly Float64Array[])[];
  /** r·φ(r) per element pair (symmetric), eV·Å, nr values at r = k·dr. */
  readonly z2r: readonly (readonly Float64Array[])[];
}
