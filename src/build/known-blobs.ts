// Public blob sets recognised by hash (spec ramdisks.md §5: the GitHub tree of
// aws-nitro-enclaves-cli, unchanged from 1.3.4 to 1.5.0). A set is recognised when every blob the
// table knows matches; blobs it does not know (the aarch64 kernel) are not compared.
import type { EifArch } from '../eif/types.js';

export interface KnownBlobSet {
  readonly name: string;
  readonly arch: EifArch;
  /** Blob file name → SHA-384. */
  readonly sha384: Readonly<Record<string, string>>;
}

export const KNOWN_BLOB_SETS: readonly KnownBlobSet[] = [
  {
    name: 'aws-nitro-enclaves-cli github blobs x86_64',
    arch: 'x86_64',
    sha384: {
      bzImage: '127b320741835315a4b05fd4b7d063771d9097af887a42296809ff1f98971ec99a1c5f865cfa8be2b3562547369821c4',
      init: 'ba660d640a91dbebffd62dc272e9d88fba86c0ed67f5ca643f5f028db00333305302070c0cdd2c5231383b99b6488959',
      'nsm.ko': '993d1f27554ffa16672a06a3ce0c84bd862c05bbec5eccd69fab94414f4d4ea37e2520aa60bc2c9c5d3ad2c5d4657b50',
      cmdline: 'cefb9209bc63dbab600937db2c945fd08d5a9a97b74ead867b4487920bf2b7914a9b4f569bb9aabb884044a221ab0b0f',
    },
  },
  {
    name: 'aws-nitro-enclaves-cli github blobs aarch64 (init, nsm.ko; kernel not pinned)',
    arch: 'aarch64',
    sha384: {
      init: 'e566b36e125531b13d976e412a7102bce09c7695416088cb6b2003ec951067f0122f8839ceed2348abd577ec04df82b2',
      'nsm.ko': 'e29aba7bc9075f52935f1facc5dabe4155bd95784596c4e27928a4c6947235381fc1dc5dab42f17b81fd97060f5e7097',
    },
  },
];

/** The name of the known set `hashes` (blob name → SHA-384) belongs to, if any. */
export function recogniseBlobSet(arch: EifArch, hashes: Readonly<Record<string, string>>): string | undefined {
  const match = KNOWN_BLOB_SETS.find(
    (set) => set.arch === arch && Object.entries(set.sha384).every(([name, sha]) => hashes[name] === sha),
  );
  return match?.name;
}
