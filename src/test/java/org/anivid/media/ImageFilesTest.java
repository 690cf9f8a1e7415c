package org.anivid.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
    @Test
    void readsColourAsRgbAndTinyPictures(@TempDir Path dir) throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xff0000);
        img.setRGB(2, 1, 0x0000ff);
        Path png = dir.resolve("a.png");
        ImageIO.write(img, "png", png.toFile());
        RgbImage read = ImageFiles.read(png);
        assertThat(read.width()).isEqualTo(3);
        assertThat(read.rgb(0, 0)).isEqualTo(0xff0000);
        assertThat(read.rgb(2, 1)).isEqualTo(0x0000ff);
        BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Path onePng = dir.resolve("one.png");
        ImageIO.write(one, "png", onePng.toFile());
        assertThat(ImageFiles.read(onePng).width()).isEqualTo(1);
    }

    @Test
    void badPicturesGetOneLineErrorsNamingTheFile(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("x.jpg"), "hello");
        assertThatThrownBy(() -> ImageFiles.read(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(text.toString()).hasMessageContaining("not a picture");
        Path empty = Files.createFile(dir.resolve("e.png"));
        assertThatThrownBy(() -> ImageFiles.read(empty)).hasMessageContaining("empty file");
        assertThatThrownBy(() -> ImageFiles.read(dir.resolve("none.png"))).hasMessageContaining("no such file");
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Path png = dir.resolve("t.png");
        ImageIO.write(img, "png", png.toFile());
        byte[] bytes = Files.readAllBytes(png);
        Path cut = Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertThatThrownBy(() -> ImageFiles.read(cut)).isInstanceOf(InvalidInputException.class);
    }
}
