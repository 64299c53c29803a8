// A minimal OGC GeoPackage 1.3 writer (https://www.geopackage.org/spec130/): one polygon feature
// table in EPSG:4326 and one attributes table. Written with the SQLite the store already uses; the
// one JS GeoPackage library (@ngageoint/geopackage) brings its own SQLite build and canvas stack.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import wkx from 'wkx';

type SqlType = 'TEXT' | 'INTEGER' | 'REAL' | 'DATETIME';
type Value = string | number | null;

export interface GpkgColumn {
  name: string;
  type: SqlType;
}

export interface GpkgFeature {
  /** Closed lon/lat rings, exterior first (GeoJSON Polygon coordinates). */
  polygon: number[][][];
  values: Value[];
}

export interface GpkgContent {
  features: {
    table: string;
    description: string;
    columns: readonly GpkgColumn[];
    rows: Iterable<GpkgFeature>;
  };
  attributes: { table: string; description: string; columns: readonly GpkgColumn[]; rows: Iterable<Value[]> };
  /** Called after each batch of feature rows; return false to stop (the file is then not written). */
  onProgress?: (written: number) => boolean | void;
}

// "GPKG" and 1.3.0, spec §1.1.1.1.1
const APPLICATION_ID = 0x47504b47;
const USER_VERSION = 10300;
const WGS84 = 4326;
const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],' +
  'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

const IDENT = /^[a-z_][a-z0-9_]*$/;
function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`"${name}" is not a plain lower-case SQL name`);
  return `"${name}"`;
}

/** GeoPackageBinary (spec §2.1.3): "GP", version 0, flags (little-endian, xy envelope), srs id, envelope, WKB. */
export function gpkgGeometry(polygon: number[][][], srsId = WGS84): { blob: Buffer; envelope: [number, number, number, number] } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of polygon) {
    for (const [x, y] of ring) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  const wkb = wkx.Geometry.parseGeoJSON({ type: 'Polygon', coordinates: polygon }).toWkb();
  const header = Buffer.alloc(8 + 32);
  header.write('GP', 0, 'ascii');
  header[2] = 0;
  header[3] = 0b0000_0011; // envelope [minx, maxx, miny, maxy], little-endian header
  header.writeInt32LE(srsId, 4);
  header.writeDoubleLE(minX, 8);
  header.writeDoubleLE(maxX, 16);
  header.writeDoubleLE(minY, 24);
  header.writeDoubleLE(maxY, 32);
  return { blob: Buffer.concat([header, wkb]), envelope: [minX, minY, maxX, maxY] };
}

function createCoreTables(db: Database.Database): void {
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma(`user_version = ${USER_VERSION}`);
  db.exec(`
    CREATE TABLE gpkg_spatial_ref_sys (
      srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (
      table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
      description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
      CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
    CREATE TABLE gpkg_geometry_columns (
      table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
      srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
      CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
      CONSTRAINT uk_gc_table_name UNIQUE (table_name),
      CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
      CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
  `);
  const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
  srs.run('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
  srs.run('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
  srs.run('WGS 84 geodetic', WGS84, 'EPSG', 4326, WGS84_WKT, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
}

function columnsSql(columns: readonly GpkgColumn[]): string {
  return columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ');
}

const BATCH = 2000;

function fill(db: Database.Database, content: GpkgContent): boolean {
  const f = content.features;
  const a = content.attributes;
  db.exec(`CREATE TABLE ${ident(f.table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POLYGON, ${columnsSql(f.columns)})`);
  db.exec(`CREATE TABLE ${ident(a.table)} (id INTEGER PRIMARY KEY AUTOINCREMENT, ${columnsSql(a.columns)})`);
  const insertFeature = db.prepare(
    `INSERT INTO ${ident(f.table)} (geom, ${f.columns.map((c) => ident(c.name)).join(', ')}) VALUES (?${', ?'.repeat(f.columns.length)})`,
  );
  const extent = [Infinity, Infinity, -Infinity, -Infinity];
  let batch: GpkgFeature[] = [];
  let written = 0;
  const flush = db.transaction((rows: GpkgFeature[]) => {
    for (const row of rows) {
      const { blob, envelope } = gpkgGeometry(row.polygon);
      extent[0] = Math.min(extent[0], envelope[0]);
      extent[1] = Math.min(extent[1], envelope[1]);
      extent[2] = Math.max(extent[2], envelope[2]);
      extent[3] = Math.max(extent[3], envelope[3]);
      insertFeature.run(blob, ...row.values);
    }
  });
  for (const row of f.rows) {
    batch.push(row);
    if (batch.length === BATCH) {
      flush(batch);
      written += batch.length;
      batch = [];
      if (content.onProgress?.(written) === false) return false;
    }
  }
  flush(batch);
  written += batch.length;
  if (content.onProgress?.(written) === false) return false;

  const insertAttr = db.prepare(
    `INSERT INTO ${ident(a.table)} (${a.columns.map((c) => ident(c.name)).join(', ')}) VALUES (?${', ?'.repeat(a.columns.length - 1)})`,
  );
  db.transaction(() => {
    for (const row of a.rows) insertAttr.run(...row);
    const contents = db.prepare(
      'INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const hasExtent = written > 0;
    contents.run(f.table, 'features', f.table, f.description, ...(hasExtent ? extent : [null, null, null, null]), WGS84);
    contents.run(a.table, 'attributes', a.table, a.description, null, null, null, null, null);
    db.prepare('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)').run(f.table, 'geom', 'POLYGON', WGS84);
  })();
  return true;
}

/**
 * Writes a GeoPackage at `file` through a temporary file in the same folder that is renamed over
 * it once complete, so an existing file is replaced only by a whole, valid GeoPackage.
 * Returns false (and writes nothing) when onProgress asked to stop.
 */
export function writeGeoPackageFile(file: string, content: GpkgContent): boolean {
  const target = path.resolve(file);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let db: Database.Database | undefined;
  let done = false;
  try {
    db = new Database(tmp);
    // A fresh file that is renamed into place only when complete needs no journal.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    createCoreTables(db);
    if (!fill(db, content)) return false;
    db.close();
    db = undefined;
    // The data was written without syncs: one fsync before the rename makes it durable.
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
    done = true;
    return true;
  } finally {
    if (db?.open) db.close();
    if (!done) fs.rmSync(tmp, { force: true });
  }
}
