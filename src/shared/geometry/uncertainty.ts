// How far the click's ground point may be off, from the telemetry's errors (docs/CONTRACTS.md §3a).
import { withPose, type FrameCamera, type TelemetrySigma } from './camera';
import { enuToGeodetic } from './ellipsoid';
import { enuToLonLat, lonLatToEnu, pixelToGroundEnu } from './ground';

export interface GroundUncertainty {
  centre: { lon: number; lat: number };
  /** 1σ semi-axes of the error ellipse (metres); the 3σ ellipse holds 98.9 % of a 2-D normal. */
  semiMajorM: number;
  semiMinorM: number;
  /** Direction of the major axis, degrees clockwise from north, in [0, 180). */
  azimuthDeg: number;
  /** Covariance in the camera's ENU frame: [σ²east, cov(east, north), σ²north] (m²). */
  covEN: [number, number, number];
}

type Pose = Partial<Pick<FrameCamera, 'heightM' | 'eastM' | 'northM' | 'headingDeg' | 'pitchDeg' | 'rollDeg'>>;

/**
 * First-order propagation: each telemetry error moves the ground point by a column of the Jacobian
 * times its σ, estimated by central differences at ±σ (one-sided where one side leaves the ground).
 * The errors are taken as independent; position error applies to east and north separately.
 * Null when the nominal ray does not meet the ground or no perturbation does.
 */
export function groundUncertainty(
  c: FrameCamera,
  px: { x: number; y: number },
  sigma: TelemetrySigma,
  aboveGroundM = 0,
): GroundUncertainty | null {
  const p0 = pixelToGroundEnu(c, px, aboveGroundM);
  if (!p0) return null;
  const perturbations: Array<[Pose, Pose]> = [
    [{ headingDeg: c.headingDeg + sigma.headingDeg }, { headingDeg: c.headingDeg - sigma.headingDeg }],
    [{ pitchDeg: c.pitchDeg + sigma.pitchDeg }, { pitchDeg: c.pitchDeg - sigma.pitchDeg }],
    [{ rollDeg: c.rollDeg + sigma.rollDeg }, { rollDeg: c.rollDeg - sigma.rollDeg }],
    [{ heightM: c.heightM + sigma.altitudeM }, { heightM: Math.max(c.heightM - sigma.altitudeM, c.heightM * 0.05) }],
    [{ eastM: c.eastM + sigma.positionM }, { eastM: c.eastM - sigma.positionM }],
    [{ northM: c.northM + sigma.positionM }, { northM: c.northM - sigma.positionM }],
  ];
  let see = 0;
  let sen = 0;
  let snn = 0;
  for (const [plus, minus] of perturbations) {
    const pp = pixelToGroundEnu(withPose(c, plus), px, aboveGroundM);
    const pm = pixelToGroundEnu(withPose(c, minus), px, aboveGroundM);
    let de: number;
    let dn: number;
    if (pp && pm) {
      de = (pp.e - pm.e) / 2;
      dn = (pp.n - pm.n) / 2;
    } else if (pp || pm) {
      // One side leaves the ground (near the horizon): the other side's shift, as a lower bound.
      const q = (pp ?? pm)!;
      de = q.e - p0.e;
      dn = q.n - p0.n;
    } else {
      return null;
    }
    see += de * de;
    sen += de * dn;
    snn += dn * dn;
  }
  const ellipse = ellipseOf(see, sen, snn);
  return { centre: enuToLonLat(c, p0.e, p0.n), ...ellipse, covEN: [see, sen, snn] };
}

/** 1σ semi-axes and major-axis azimuth of a 2 × 2 covariance in (east, north). */
export function ellipseOf(see: number, sen: number, snn: number): { semiMajorM: number; semiMinorM: number; azimuthDeg: number } {
  const mean = (see + snn) / 2;
  const r = Math.hypot((see - snn) / 2, sen);
  const thetaFromEast = 0.5 * Math.atan2(2 * sen, see - snn);
  const az = 90 - (thetaFromEast * 180) / Math.PI;
  return {
    semiMajorM: Math.sqrt(Math.max(mean + r, 0)),
    semiMinorM: Math.sqrt(Math.max(mean - r, 0)),
    azimuthDeg: ((az % 180) + 180) % 180,
  };
}

/**
 * The squared Mahalanobis distance of a lon/lat point from the ellipse's centre. The prior's density
 * relative to its peak is exp(−d²/2). A degenerate covariance (σ = 0) is floored at 0.25 m².
 */
export function mahalanobis2(c: FrameCamera, u: GroundUncertainty, p: { lon: number; lat: number }): number {
  const q = lonLatToEnu(c, p);
  const o = lonLatToEnu(c, u.centre);
  const de = q.e - o.e;
  const dn = q.n - o.n;
  const floor = 0.25;
  const a = u.covEN[0] + floor;
  const b = u.covEN[1];
  const d = u.covEN[2] + floor;
  const det = a * d - b * b;
  return (d * de * de - 2 * b * de * dn + a * dn * dn) / det;
}

/** Points of the k-σ ellipse as a closed lon/lat ring (for the map); needs no camera. */
export function ellipseRing(
  u: { centre: { lon: number; lat: number }; semiMajorM: number; semiMinorM: number; azimuthDeg: number },
  k = 3,
  points = 48,
): Array<[number, number]> {
  const origin = { lon: u.centre.lon, lat: u.centre.lat, h: 0 };
  const az = (u.azimuthDeg * Math.PI) / 180;
  // Major axis unit vector in (east, north): azimuth is clockwise from north; the minor one is 90° on.
  const me = Math.sin(az);
  const mn = Math.cos(az);
  const ring: Array<[number, number]> = [];
  for (let i = 0; i < points; i++) {
    const t = (2 * Math.PI * i) / points;
    const a = k * u.semiMajorM * Math.cos(t);
    const b = k * u.semiMinorM * Math.sin(t);
    const g = enuToGeodetic(origin, [a * me + b * mn, a * mn - b * me, 0]);
    ring.push([g.lon, g.lat]);
  }
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}
