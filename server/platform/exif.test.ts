import { describe, expect, it } from 'vitest';
import { readPhotoFacts } from './exif';
import { jpegWithExif } from '../../test/supervision-factories';

describe('reading a photo\'s EXIF capture time and place', () => {
  it('finds the capture time and the GPS position in degrees', () => {
    expect(readPhotoFacts(jpegWithExif())).toEqual({ capturedAt: '2026-03-10T09:30:15', latitude: 31.86, longitude: 106.74 });
  });

  it('reads southern and western positions as negative', () => {
    const facts = readPhotoFacts(jpegWithExif({ latRef: 'S', lonRef: 'W', lat: [33, 52, 0], lon: [151, 12, 36] }));
    expect(facts.latitude).toBeCloseTo(-33.866667, 5);
    expect(facts.longitude).toBeCloseTo(-151.21, 5);
  });

  it('answers nothing, without throwing, for files that are not JPEGs or are cut short', () => {
    const none = { capturedAt: null, latitude: null, longitude: null };
    expect(readPhotoFacts(Buffer.from('%PDF-1.4'))).toEqual(none);
    expect(readPhotoFacts(jpegWithExif().subarray(0, 40))).toEqual(none);
    expect(readPhotoFacts(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toEqual(none);
  });
});
