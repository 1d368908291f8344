package io.opal.execution.evm.precompile.bls;

/**
 * EIP-2537's gas schedule as activated in Prague (the execution-specs' Prague values, which
 * superseded the EIP's earlier drafts).
 */
final class Bls12Gas {
  static final long G1_ADD = 375;
  static final long G2_ADD = 600;
  static final long G1_MUL = 12_000;
  static final long G2_MUL = 22_500;
  static final long PAIRING_PER_PAIR = 32_600;
  static final long PAIRING_BASE = 37_700;
  static final long MAP_FP_TO_G1 = 5_500;
  static final long MAP_FP2_TO_G2 = 23_800;

  static final int G1_MSM_PAIR_LENGTH = Bls12Encoding.G1_LENGTH + Bls12Encoding.SCALAR_LENGTH;
  static final int G2_MSM_PAIR_LENGTH = Bls12Encoding.G2_LENGTH + Bls12Encoding.SCALAR_LENGTH;
  static final int PAIRING_PAIR_LENGTH = Bls12Encoding.G1_LENGTH + Bls12Encoding.G2_LENGTH;

  private static final long MULTIPLIER = 1_000;

  /** discount(k) in thousandths for k = 1..128 (index k - 1); k > 128 uses the last entry. */
  private static final int[] G1_DISCOUNT = {
    1000, 949, 848, 797, 764, 750, 738, 728, 719, 712, 705, 698, 692, 687, 682, 677, 673, 669, 665,
    661, 658, 654, 651, 648, 645, 642, 640, 637, 635, 632, 630, 627, 625, 623, 621, 619, 617, 615,
    613, 611, 609, 608, 606, 604, 603, 601, 599, 598, 596, 595, 593, 592, 591, 589, 588, 586, 585,
    584, 582, 581, 580, 579, 577, 576, 575, 574, 573, 572, 570, 569, 568, 567, 566, 565, 564, 563,
    562, 561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 551, 550, 549, 548, 547, 547, 546, 545,
    544, 543, 542, 541, 540, 540, 539, 538, 537, 536, 536, 535, 534, 533, 532, 532, 531, 530, 529,
    528, 528, 527, 526, 525, 525, 524, 523, 522, 522, 521, 520, 520, 519
  };

  private static final int[] G2_DISCOUNT = {
    1000, 1000, 923, 884, 855, 832, 812, 796, 782, 770, 759, 749, 740, 732, 724, 717, 711, 704, 699,
    693, 688, 683, 679, 674, 670, 666, 663, 659, 655, 652, 649, 646, 643, 640, 637, 634, 632, 629,
    627, 624, 622, 620, 618, 615, 613, 611, 609, 607, 606, 604, 602, 600, 598, 597, 595, 593, 592,
    590, 589, 587, 586, 584, 583, 582, 580, 579, 578, 576, 575, 574, 573, 571, 570, 569, 568, 567,
    566, 565, 563, 562, 561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 552, 551, 550, 549, 548,
    547, 546, 545, 545, 544, 543, 542, 541, 541, 540, 539, 538, 537, 537, 536, 535, 535, 534, 533,
    532, 532, 531, 530, 530, 529, 528, 528, 527, 526, 526, 525, 524, 524
  };

  /** The cap for k > 128: G1 519, G2 524 (the last table entries). */
  static final int G1_MAX_DISCOUNT = 519;

  static final int G2_MAX_DISCOUNT = 524;

  private Bls12Gas() {}

  static long g1Msm(byte[] input) {
    return msm(input.length / G1_MSM_PAIR_LENGTH, G1_MUL, G1_DISCOUNT, G1_MAX_DISCOUNT);
  }

  static long g2Msm(byte[] input) {
    return msm(input.length / G2_MSM_PAIR_LENGTH, G2_MUL, G2_DISCOUNT, G2_MAX_DISCOUNT);
  }

  static long pairing(byte[] input) {
    return PAIRING_PER_PAIR * (input.length / PAIRING_PAIR_LENGTH) + PAIRING_BASE;
  }

  /**
   * k · multiplication cost · discount(k) / 1000. An input shorter than one pair costs nothing here
   * and then fails, as it does in geth and revm; a failure burns all gas either way.
   */
  static long msm(long k, long multiplicationCost, int[] table, int maxDiscount) {
    if (k == 0) {
      return 0;
    }
    long discount = k <= table.length ? table[(int) k - 1] : maxDiscount;
    // k < 2^31 / 160, so the product stays far below 2^63
    return k * multiplicationCost * discount / MULTIPLIER;
  }
}
