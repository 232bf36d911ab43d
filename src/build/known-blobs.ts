// Public blob sets: the `blobs/` tree of github.com/aws/aws-nitro-enclaves-cli at each release tag,
// pinned file by file. Every release from v1.3.4 to v1.5.0 has the same `blobs/` tree (git tree
// 5673b664916ad24c17dca5797246b0c67eb89d8b), so they share one table of pins; each set still names
// its own tag commit, whose raw files are the default download location.
//
// How the pins were made (and how a user re-checks them, docs/blobs.md):
//   git ls-tree -r -l v1.5.0 blobs/        → git blob id and size of every file
//   git cat-file blob <id> | sha384sum     → SHA-384 of every file
// `gitBlob` is git's object id: SHA-1 over `blob <size>\0` followed by the bytes. The two kernels are
// plain git blobs (no Git LFS in that repository), pinned by their git blob id; the x86_64 kernel's
// SHA-384 also comes from the spec table (ramdisks.md §5), the aarch64 kernel's is not published, so
// it is checked by git blob id alone and its SHA-384 is recorded when it is first downloaded.
import type { EifArch } from '../eif/types.js';

/** What a blob file must be. At least `gitBlob` or `sha384`; every digest given is checked. */
export interface BlobPin {
  /** Git blob id in the tagged tree (40 hex). */
  readonly gitBlob?: string;
  /** SHA-384 of the file (96 hex). */
  readonly sha384?: string;
  /** Size in bytes, when known. */
  readonly size?: number;
}

/** Blob file name → pin, for one architecture. */
export type BlobPins = Readonly<Record<string, BlobPin>>;

export interface PublicBlobSet {
  /** What users write: `aws-nitro-enclaves-cli@v1.5.0`. */
  readonly name: string;
  readonly repository: string;
  readonly tag: string;
  /** The commit the tag points to: the default download location and what the pins were read from. */
  readonly commit: string;
  /** Git tree id of `blobs/` at that commit (sets with the same tree hold the same files). */
  readonly blobsTree: string;
  /** Default base URL; files are fetched from `<baseUrl>/blobs/<arch>/<file>`. */
  readonly baseUrl: string;
  readonly files: Readonly<Record<EifArch, BlobPins>>;
}

const REPOSITORY = 'aws/aws-nitro-enclaves-cli';

/** The `blobs/` tree 5673b664916ad24c17dca5797246b0c67eb89d8b (v1.3.4 … v1.5.0). */
const BLOBS_TREE_5673B66: Readonly<Record<EifArch, BlobPins>> = {
  x86_64: {
    bzImage: {
      gitBlob: '1b7b48cfb6eab842005d3f80a46d0225a27f9fc2',
      sha384: '127b320741835315a4b05fd4b7d063771d9097af887a42296809ff1f98971ec99a1c5f865cfa8be2b3562547369821c4',
    },
    'bzImage.config': {
      gitBlob: 'c8cfce416c1c54271049cb294ff37075bedcb568', size: 79576,
      sha384: 'e9704ca3fee1f01a0d0a5a7a1aff588999122983032ac2615c4a158ba318febf55dbd9b059f51e189a028a7f647d9d35',
    },
    cmdline: {
      gitBlob: 'b3b51ddf3555e116d0bb2b5d9354c93036868ab1', size: 120,
      sha384: 'cefb9209bc63dbab600937db2c945fd08d5a9a97b74ead867b4487920bf2b7914a9b4f569bb9aabb884044a221ab0b0f',
    },
    init: {
      gitBlob: '122b5d1514316b1b553fb486445fe1482a48b8c8', size: 742968,
      sha384: 'ba660d640a91dbebffd62dc272e9d88fba86c0ed67f5ca643f5f028db00333305302070c0cdd2c5231383b99b6488959',
    },
    'nsm.ko': {
      gitBlob: '24cbfe5dd041b75d731bd3feda9748b75883be7f', size: 20504,
      sha384: '993d1f27554ffa16672a06a3ce0c84bd862c05bbec5eccd69fab94414f4d4ea37e2520aa60bc2c9c5d3ad2c5d4657b50',
    },
  },
  aarch64: {
    Image: { gitBlob: '5503018854dbc9ff4e3356d0912eb8d3256c6af6' },
    'Image.config': {
      gitBlob: '864df6a87e07746cb2d04dfe5ff8534cd87d2d7e', size: 71592,
      sha384: '6857f95e8e0c59e251cd64affc1d6f3182babdaa1abd5477c0016202d638f0f6ac7ec2fbde85f505eb1fd72349890dc4',
    },
    cmdline: {
      gitBlob: '347d16b9720a63744e2018431250fbac2658721d', size: 85,
      sha384: 'd72473287ab78caada25ef6c69a82d2ab4e68c38bcb93919a4b67a482adcb0b0b62e3064cf5bf37e8e6dfcbcefce67a1',
    },
    init: {
      gitBlob: '4825177283ee249df32fc07e129805380fe62a64', size: 738616,
      sha384: 'e566b36e125531b13d976e412a7102bce09c7695416088cb6b2003ec951067f0122f8839ceed2348abd577ec04df82b2',
    },
    'nsm.ko': {
      gitBlob: '1f3fd871816513430a5a5911ca729dded5bb5409', size: 23208,
      sha384: 'e29aba7bc9075f52935f1facc5dabe4155bd95784596c4e27928a4c6947235381fc1dc5dab42f17b81fd97060f5e7097',
    },
  },
};

/** Release tag → the commit it points to (`git rev-parse <tag>^{commit}`). */
const RELEASES: readonly (readonly [tag: string, commit: string])[] = [
  ['v1.3.4', '59beb801f2180f8e83bf22706d562e35e3c15172'],
  ['v1.4.0', 'e9d45c4c6952bae5411d4c3a223178f63aa64ef0'],
  ['v1.4.1', '0aceabd1ab25952db09a1ffe02f729e3cce99d24'],
  ['v1.4.2', '6e8512e4d9e1ba82e0e5c4c9d9d0b3987724f217'],
  ['v1.4.3', '82501bb9637e4b41c87ce73f8ffc2ce51ca37a6a'],
  ['v1.4.4', 'd7830d68dc1e6c31d1ed25ecf06684d766737392'],
  ['v1.4.5', '18a5f6f35f110c0f235f193ae3caff9434d64ee1'],
  ['v1.5.0', '2950b3699d81ad304df2458915688a552734833d'],
];

export const PUBLIC_BLOB_SETS: readonly PublicBlobSet[] = RELEASES.map(([tag, commit]) => ({
  name: `aws-nitro-enclaves-cli@${tag}`,
  repository: REPOSITORY,
  tag,
  commit,
  blobsTree: '5673b664916ad24c17dca5797246b0c67eb89d8b',
  baseUrl: `https://raw.githubusercontent.com/${REPOSITORY}/${commit}`,
  files: BLOBS_TREE_5673B66,
}));

let activeSets: readonly PublicBlobSet[] = PUBLIC_BLOB_SETS;

/** The table of sets the tool knows (`--blobs`, `blobs fetch --set`, recognition). */
export function knownBlobSets(): readonly PublicBlobSet[] {
  return activeSets;
}

/**
 * Test seam: replaces the table (tests pin synthetic blobs served from 127.0.0.1) until the
 * returned function is called. No flag, action input or environment variable reaches it, so a user
 * can never weaken the compiled-in pins.
 */
export function replaceBlobSetsForTesting(sets: readonly PublicBlobSet[]): () => void {
  activeSets = sets;
  return () => { activeSets = PUBLIC_BLOB_SETS; };
}

/** The digests of one blob as read (what recognition and verification compare). */
export interface BlobDigests {
  readonly size: number;
  readonly sha384: string;
  readonly gitBlob: string;
}

/** Whether `digests` satisfies `pin`: every digest the pin gives must match. */
export function pinMismatch(pin: BlobPin, digests: BlobDigests): { what: string; actual: string; expected: string } | undefined {
  if (pin.size !== undefined && pin.size !== digests.size) return { what: 'size', actual: String(digests.size), expected: String(pin.size) };
  if (pin.sha384 !== undefined && pin.sha384 !== digests.sha384) return { what: 'sha384', actual: digests.sha384, expected: pin.sha384 };
  if (pin.gitBlob !== undefined && pin.gitBlob !== digests.gitBlob) return { what: 'git blob id', actual: digests.gitBlob, expected: pin.gitBlob };
  return undefined;
}

/**
 * The public sets whose every pinned file of `arch` matches `blobs` (file name → digests), as one
 * label: a single name, or `first … last (identical blobs)` when several releases share the tree.
 */
export function recogniseBlobSet(
  arch: EifArch, blobs: Readonly<Record<string, BlobDigests>>, sets: readonly PublicBlobSet[] = knownBlobSets(),
): string | undefined {
  const matching = sets.filter((set) =>
    Object.entries(set.files[arch]).every(([name, pin]) => blobs[name] !== undefined && pinMismatch(pin, blobs[name]) === undefined),
  );
  if (matching.length === 0) return undefined;
  if (matching.length === 1) return matching[0]!.name;
  return `${matching[0]!.name} … ${matching[matching.length - 1]!.tag} (identical blobs)`;
}
