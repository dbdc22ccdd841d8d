// Renders Kith's icons from the SVG sources in resources/ (npm run icons) and
// writes what electron-builder.yml packs: the Linux PNG set (icons/<n>x<n>.png),
// icon.icns for macOS and icon.ico for Windows. The generated files are
// committed, so packaging needs none of these tools; rerun this after editing
// an SVG.
//
// resvg renders each size from the vector source, so no size is a downscaled
// copy of another; the 16-32 px sizes come from icon-small.svg, drawn bolder
// for them. The .icns and .ico containers are assembled from those same
// renders (@fiahfy/icns, @fiahfy/ico).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Icns, IcnsImage, type OSType } from '@fiahfy/icns';
import { Ico, IcoImage } from '@fiahfy/ico';
import { Resvg } from '@resvg/resvg-js';

const resources = path.resolve(import.meta.dirname, '../resources');
const source = readFileSync(path.join(resources, 'icon.svg'));
const smallSource = readFileSync(path.join(resources, 'icon-small.svg'));

const rendered = new Map<number, Buffer>();
function render(size: number): Buffer {
  let png = rendered.get(size);
  if (!png) {
    png = new Resvg(size <= 32 ? smallSource : source, { fitTo: { mode: 'width', value: size } }).render().asPng();
    rendered.set(size, png);
  }
  return png;
}

// Linux: electron-builder reads the size from each file name (https://www.electron.build/icons).
const linuxSizes = [16, 32, 48, 64, 128, 256, 512, 1024];
mkdirSync(path.join(resources, 'icons'), { recursive: true });
for (const size of linuxSizes) writeFileSync(path.join(resources, 'icons', `${size}x${size}.png`), render(size));

// macOS: the PNG-payload icon types, as iconutil writes them (Apple Icon Image format,
// type table: icp4/icp5/icp6 and ic07-ic10 at 1x, ic11-ic14 the @2x of 16-256).
const icnsTypes: [OSType, number][] = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];
const icns = new Icns();
for (const [osType, size] of icnsTypes) icns.append(IcnsImage.fromPNG(render(size), osType));
writeFileSync(path.join(resources, 'icon.icns'), icns.data);

// Windows: the sizes the shell asks for (16-48 in lists and the taskbar, 256 for large
// views; electron-builder requires 256).
const ico = new Ico();
for (const size of [16, 24, 32, 48, 64, 128, 256]) ico.append(IcoImage.fromPNG(render(size)));
writeFileSync(path.join(resources, 'icon.ico'), ico.data);

console.log(`resources/: icons/{${linuxSizes.map((s) => `${s}x${s}`).join(',')}}.png, icon.icns, icon.ico`);
