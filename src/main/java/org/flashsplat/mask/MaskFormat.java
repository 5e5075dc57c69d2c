package org.flashsplat.mask;

/** The form of a mask folder, detected by {@link MaskSet#open}. */
public enum MaskFormat {
    /** Grey PNG (1 to 16 bits) holding instance IDs, as in Gaussian Grouping's object_mask/. */
    INSTANCE_IDS("grey instance-ID PNG"),
    /** Grey PNG holding only 0 and the largest value (255 at 8 bits): one object, label 1. */
    BINARY("binary 0/255 PNG"),
    /** Indexed-colour PNG: the label is the palette index. */
    PALETTE("palette PNG"),
    /** RGB PNG with one colour per instance; black is 0, the others numbered by packed RGB. */
    RGB("colour-coded RGB PNG"),
    /** JPEG-compressed binary masks, thresholded at 128. */
    JPEG_BINARY("binary JPEG"),
    /** SAM automatic-mask JSON with COCO compressed RLE; IDs are local to each view. */
    SAM_RLE("SAM JSON with COCO RLE");

    private final String description;

    MaskFormat(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Whether the same label means the same object in every view. */
    public boolean labelsAssociatedAcrossViews() {
        return this != SAM_RLE;
    }
}
