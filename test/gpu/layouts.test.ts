import { describe, expect, it } from 'vitest';
import {
  BOX_LAYOUT, MD_PARAMS_LAYOUT, MD_STATE_LAYOUT, MIN_PARAMS_LAYOUT, MIN_STATE_LAYOUT, MIN_SUMS_LAYOUT, PARAMS_LAYOUT, TOTALS_LAYOUT, type StructLayout,
} from '../../src/gpu/layouts';
import { WGSL_FILES } from '../../src/kernels/sources';

// Size and alignment of the WGSL types the structs use (WGSL spec, "Alignment and Size").
const TYPES: Record<string, { size: number; align: number }> = {
  u32: { size: 4, align: 4 },
  i32: { size: 4, align: 4 },
  f32: { size: 4, align: 4 },
  vec2u: { size: 8, align: 8 },
  vec2f: { size: 8, align: 8 },
  vec3u: { size: 12, align: 16 },
  vec3f: { size: 12, align: 16 },
  vec4u: { size: 16, align: 16 },
  vec4f: { size: 16, align: 16 },
};

/** Offsets and size of a struct as the WGSL layout rules place it. */
function wgslLayout(source: string, name: string): StructLayout {
  const body = new RegExp(`struct\\s+${name}\\s*\\{([^}]*)\\}`).exec(source);
  if (!body) throw new Error(`struct ${name} not found`);
  const fields: Record<string, number> = {};
  const u32: string[] = [];
  let offset = 0;
  let align = 0;
  for (const m of body[1].replace(/\/\/.*$/gm, '').matchAll(/(\w+)\s*:\s*(\w+)\s*,/g)) {
    const t = TYPES[m[2]];
    if (!t) throw new Error(`type ${m[2]} of ${name}.${m[1]} is not in the test's table`);
    offset = Math.ceil(offset / t.align) * t.align;
    fields[m[1]] = offset;
    if (m[2] === 'u32') u32.push(m[1]);
    offset += t.size;
    align = Math.max(align, t.align);
  }
  return { name, size: Math.ceil(offset / align) * align, fields, u32 };
}

describe('struct layouts shared by TypeScript and WGSL', () => {
  it.each([
    [BOX_LAYOUT, WGSL_FILES.structs],
    [PARAMS_LAYOUT, WGSL_FILES.structs],
    [TOTALS_LAYOUT, WGSL_FILES.totals],
    [MIN_PARAMS_LAYOUT, WGSL_FILES.minState],
    [MIN_SUMS_LAYOUT, WGSL_FILES.minState],
    [MIN_STATE_LAYOUT, WGSL_FILES.minState],
    [MD_PARAMS_LAYOUT, WGSL_FILES.mdState],
    [MD_STATE_LAYOUT, WGSL_FILES.mdState],
  ])('$name matches its WGSL declaration', (layout, source) => {
    expect(wgslLayout(source, layout.name)).toEqual(layout);
  });
});
