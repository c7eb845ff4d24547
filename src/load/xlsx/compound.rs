//! Reading an OLE compound file (the container of an `.xls`) the way calamine 0.38 reads it:
//! the header, the DIFAT (the header's 109 slots and the chain of DIFAT sectors after them),
//! the FAT, the directory and one named stream. The guards use it to look at a workbook
//! before calamine does, so it follows calamine's rules (sector numbering, the mini stream
//! for streams under 4096 bytes) rather than the full specification.
//!
//! Refuses what would make calamine loop or allocate without bound (a chain that runs in a
//! circle, a FAT sector listed twice); anything else odd is `None`: calamine reports it.

use crate::messages::sheets as messages;

/// Sector ids from here on are markers (free, end of chain, FAT, DIFAT), not sectors.
const FIRST_MARKER: u32 = 0xFFFF_FFFA;

/// Streams shorter than this live in the mini stream, in 64-byte mini sectors.
const MINI_STREAM_CUTOFF: usize = 4096;

const MINI_SECTOR_SIZE: usize = 64;

/// A compound file's bytes with its sector size and FAT.
pub(super) struct Compound<'b> {
    bytes: &'b [u8],
    sector_size: usize,
    fat: Vec<u32>,
}

impl<'b> Compound<'b> {
    /// Reads the header and the FAT; `Ok(None)` for a file too short or too odd to read
    /// (calamine names the problem), an error for a DIFAT chain that runs in a circle or a
    /// FAT sector listed twice (calamine would read it again and again).
    pub(super) fn read(bytes: &'b [u8]) -> Result<Option<Self>, String> {
        let Some(shift) = u16_at(bytes, 30).filter(|shift| *shift == 9 || *shift == 12) else {
            return Ok(None);
        };
        let sector_size = 1usize << shift;
        let mut compound = Compound {
            bytes,
            sector_size,
            fat: Vec::new(),
        };
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|index| u32_at(bytes, 76 + 4 * index))
            .collect();
        // The DIFAT chain: each sector lists FAT sectors, its last slot names the next one.
        let mut next = u32_at(bytes, 68).unwrap_or(FIRST_MARKER);
        let mut difat_seen = std::collections::HashSet::new();
        while next < FIRST_MARKER {
            if !difat_seen.insert(next) {
                return Err(messages::LOOPING_CHAIN.to_string());
            }
            let Some(sector) = compound.sector(next) else {
                break; // outside the file: calamine reports that
            };
            let mut slots: Vec<u32> = sector.chunks_exact(4).map(le_u32).collect();
            next = slots.pop().unwrap_or(FIRST_MARKER);
            fat_sectors.extend(slots);
        }
        let mut fat_seen = std::collections::HashSet::new();
        for id in fat_sectors.into_iter().filter(|id| *id < FIRST_MARKER) {
            if !fat_seen.insert(id) {
                return Err(messages::FAT_SECTOR_TWICE.to_string());
            }
            if let Some(sector) = compound.sector(id) {
                compound.fat.extend(sector.chunks_exact(4).map(le_u32));
            }
        }
        Ok(Some(compound))
    }

    /// The sector `id` (which follows the header), shorter at the end of the file.
    fn sector(&self, id: u32) -> Option<&'b [u8]> {
        let start = (id as usize)
            .checked_add(1)?
            .checked_mul(self.sector_size)?;
        let end = start.saturating_add(self.sector_size).min(self.bytes.len());
        self.bytes
            .get(start..end)
            .filter(|sector| !sector.is_empty())
    }

    /// Refuses a FAT in which some chain runs in a circle: calamine follows a chain until it
    /// ends, so a 13 KB file with a looping chain made it allocate gigabytes.
    pub(super) fn check_chains(&self) -> Result<(), String> {
        let fat = &self.fat;
        // 0 unseen, 1 on the current walk, 2 known to end
        let mut state = vec![0u8; fat.len()];
        for first in 0..fat.len() {
            let mut walk = Vec::new();
            let mut id = first;
            while id < fat.len() && state[id] == 0 {
                state[id] = 1;
                walk.push(id);
                let next = fat[id];
                if next >= FIRST_MARKER {
                    break;
                }
                id = next as usize;
            }
            if id < fat.len() && state[id] == 1 && fat[walk[walk.len() - 1]] < FIRST_MARKER {
                return Err(messages::LOOPING_CHAIN.to_string());
            }
            for done in walk {
                state[done] = 2;
            }
        }
        Ok(())
    }

    /// The bytes of the chain starting at `id`, at most `len` of them, as calamine gathers
    /// them (a chain leaving the FAT or the file ends there). Only for a FAT that passed
    /// [`Compound::check_chains`], so every chain ends.
    fn chain(&self, mut id: u32, len: usize) -> Vec<u8> {
        let mut out = Vec::new();
        while id < FIRST_MARKER && out.len() < len {
            let Some(sector) = self.sector(id) else {
                break;
            };
            out.extend_from_slice(&sector[..sector.len().min(len - out.len())]);
            match self.fat.get(id as usize) {
                Some(next) => id = *next,
                None => break,
            }
        }
        out
    }

    /// The first stream named one of `names` (in that order, ignoring ASCII case, as calamine
    /// looks up `Workbook`, then `Book`); `Ok(None)` when there is none. A short stream whose
    /// mini sectors lie outside the mini stream is refused: calamine would read other bytes
    /// of the file in their place.
    pub(super) fn stream(&self, names: &[&str]) -> Result<Option<Vec<u8>>, String> {
        let header_u32 = |at| u32_at(self.bytes, at).unwrap_or(FIRST_MARKER);
        let directory = self.chain(header_u32(48), usize::MAX);
        let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
        let Some(root) = entries.first() else {
            return Ok(None);
        };
        let Some(entry) = names.iter().find_map(|name| {
            entries
                .iter()
                .find(|entry| entry_name(entry).eq_ignore_ascii_case(name))
        }) else {
            return Ok(None);
        };
        let len = self.entry_len(entry);
        if len >= MINI_STREAM_CUTOFF {
            return Ok(Some(self.chain(le_u32(&entry[116..120]), len)));
        }
        let mini_fat_sectors = header_u32(64) as usize;
        if mini_fat_sectors == 0 {
            return Err(messages::MINI_STREAM_OUTSIDE.to_string());
        }
        let mini_stream = self.chain(le_u32(&root[116..120]), self.entry_len(root));
        let mini_fat: Vec<u32> = self
            .chain(
                header_u32(60),
                mini_fat_sectors.saturating_mul(self.sector_size),
            )
            .chunks_exact(4)
            .map(le_u32)
            .collect();
        let mut out = Vec::new();
        let mut id = le_u32(&entry[116..120]);
        let mut seen = std::collections::HashSet::new();
        while id < FIRST_MARKER && out.len() < len {
            if !seen.insert(id) {
                return Err(messages::LOOPING_CHAIN.to_string());
            }
            let start = id as usize * MINI_SECTOR_SIZE;
            let Some(sector) = mini_stream.get(start..start + MINI_SECTOR_SIZE) else {
                return Err(messages::MINI_STREAM_OUTSIDE.to_string());
            };
            out.extend_from_slice(&sector[..MINI_SECTOR_SIZE.min(len - out.len())]);
            match mini_fat.get(id as usize) {
                Some(next) => id = *next,
                None => break,
            }
        }
        Ok(Some(out))
    }

    /// A directory entry's stream size (32 bits in version 3 files, 64 in version 4).
    fn entry_len(&self, entry: &[u8]) -> usize {
        if self.sector_size == 512 {
            le_u32(&entry[120..124]) as usize
        } else {
            let mut size = [0u8; 8];
            size.copy_from_slice(&entry[120..128]);
            usize::try_from(u64::from_le_bytes(size)).unwrap_or(usize::MAX)
        }
    }
}

/// A directory entry's name: UTF-16 up to the first NUL.
fn entry_name(entry: &[u8]) -> String {
    let units: Vec<u16> = entry[..64]
        .chunks_exact(2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .take_while(|unit| *unit != 0)
        .collect();
    String::from_utf16_lossy(&units)
}

fn le_u32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    bytes
        .get(at..at + 2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    bytes.get(at..at + 4).map(le_u32)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A version 3 compound file (512-byte sectors) holding one stream `name` with `data`
    /// (padded to 4096 bytes so it lies in ordinary sectors). With `difat`, the FAT sector is
    /// listed in a DIFAT sector instead of the header.
    pub(crate) fn compound_file(name: &str, data: &[u8], difat: bool) -> Vec<u8> {
        const END: u32 = 0xFFFF_FFFE;
        const FREE: u32 = 0xFFFF_FFFF;
        let mut stream = data.to_vec();
        stream.resize(stream.len().max(MINI_STREAM_CUTOFF).div_ceil(512) * 512, 0);
        let stream_sectors = (stream.len() / 512) as u32;
        // Sectors: 0 FAT, 1 directory, 2 DIFAT (if any), then the stream.
        let first_stream = if difat { 3 } else { 2 };
        let mut fat = vec![0xFFFF_FFFD, END];
        if difat {
            fat.push(0xFFFF_FFFC);
        }
        fat.extend((0..stream_sectors).map(|i| {
            if i + 1 == stream_sectors {
                END
            } else {
                first_stream + i + 1
            }
        }));
        assert!(fat.len() <= 128, "one FAT sector is enough for the tests");
        fat.resize(128, FREE);
        let mut header = vec![0u8; 512];
        header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        header[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
        header[26..28].copy_from_slice(&3u16.to_le_bytes());
        header[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
        header[30..32].copy_from_slice(&9u16.to_le_bytes());
        header[32..34].copy_from_slice(&6u16.to_le_bytes());
        header[44..48].copy_from_slice(&1u32.to_le_bytes());
        header[48..52].copy_from_slice(&1u32.to_le_bytes());
        header[56..60].copy_from_slice(&4096u32.to_le_bytes());
        header[60..64].copy_from_slice(&END.to_le_bytes());
        header[68..72].copy_from_slice(&(if difat { 2 } else { END }).to_le_bytes());
        header[72..76].copy_from_slice(&u32::from(difat).to_le_bytes());
        for slot in 0..109 {
            let id = if slot == 0 && !difat { 0 } else { FREE };
            header[76 + 4 * slot..80 + 4 * slot].copy_from_slice(&id.to_le_bytes());
        }
        let mut directory = vec![0u8; 512];
        let mut entry = |index: usize, name: &str, kind: u8, start: u32, size: u32| {
            let at = index * 128;
            let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
            for (i, unit) in units.iter().enumerate() {
                directory[at + 2 * i..at + 2 * i + 2].copy_from_slice(&unit.to_le_bytes());
            }
            directory[at + 64..at + 66].copy_from_slice(&(2 * units.len() as u16).to_le_bytes());
            directory[at + 66] = kind;
            directory[at + 67] = 1;
            for link in [68, 72, 76] {
                directory[at + link..at + link + 4].copy_from_slice(&FREE.to_le_bytes());
            }
            directory[at + 116..at + 120].copy_from_slice(&start.to_le_bytes());
            directory[at + 120..at + 124].copy_from_slice(&size.to_le_bytes());
        };
        entry(0, "Root Entry", 5, END, 0);
        entry(1, name, 2, first_stream, stream.len() as u32);
        directory[76..80].copy_from_slice(&1u32.to_le_bytes()); // root's child
        let mut file = header;
        file.extend(fat.iter().flat_map(|id| id.to_le_bytes()));
        file.extend(directory);
        if difat {
            let mut slots = vec![FREE; 128];
            slots[0] = 0;
            slots[127] = END;
            file.extend(slots.iter().flat_map(|id| id.to_le_bytes()));
        }
        file.extend(stream);
        file
    }

    /// Sets the 4-byte little-endian value at `at`.
    fn put(file: &mut [u8], at: usize, value: u32) {
        file[at..at + 4].copy_from_slice(&value.to_le_bytes());
    }

    #[test]
    fn a_stream_is_read_through_the_header_fat_or_a_difat_sector() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        for difat in [false, true] {
            let file = compound_file("Workbook", &data, difat);
            let compound = Compound::read(&file).unwrap().unwrap();
            compound.check_chains().unwrap();
            let stream = compound.stream(&["Workbook", "Book"]).unwrap().unwrap();
            assert_eq!(&stream[..data.len()], &data[..], "difat {difat}");
            assert_eq!(compound.stream(&["Nothing"]).unwrap(), None);
        }
    }

    #[test]
    fn a_difat_chain_that_runs_in_a_circle_is_refused() {
        let mut file = compound_file("Workbook", b"x", true);
        // The DIFAT sector (2) names itself as the next one.
        put(&mut file, 512 * 3 + 127 * 4, 2);
        let error = Compound::read(&file).err().unwrap();
        assert!(error.contains("Sektorkette läuft im Kreis"), "{error}");
    }

    #[test]
    fn a_difat_chain_pointing_outside_the_file_ends_there() {
        let mut file = compound_file("Workbook", b"x", true);
        put(&mut file, 512 * 3 + 127 * 4, 1_000_000);
        let compound = Compound::read(&file).unwrap().unwrap();
        compound.check_chains().unwrap();
        assert!(compound.stream(&["Workbook"]).unwrap().is_some());
        // The header itself naming a DIFAT sector outside the file: no FAT at all.
        let mut file = compound_file("Workbook", b"x", true);
        put(&mut file, 68, 0xFFFF_0000);
        let compound = Compound::read(&file).unwrap().unwrap();
        assert!(compound.stream(&["Workbook"]).is_ok());
    }

    #[test]
    fn a_fat_sector_listed_twice_is_refused() {
        // calamine would read the FAT sector once per listing: a DIFAT listing one sector
        // 127 times per DIFAT sector makes gigabytes of FAT from a 32 MB file.
        let mut file = compound_file("Workbook", b"x", true);
        put(&mut file, 512 * 3 + 4, 0);
        let error = Compound::read(&file).err().unwrap();
        assert!(error.contains("mehrfach"), "{error}");
    }

    #[test]
    fn a_looping_fat_chain_is_refused() {
        let mut file = compound_file("Workbook", b"x", false);
        // FAT entry of the last stream sector points back at the first stream sector.
        put(&mut file, 512 + 4 * 9, 2);
        let compound = Compound::read(&file).unwrap().unwrap();
        let error = compound.check_chains().unwrap_err();
        assert!(error.contains("Sektorkette läuft im Kreis"), "{error}");
    }

    #[test]
    fn a_file_too_odd_to_read_is_left_to_calamine() {
        assert!(Compound::read(b"short").unwrap().is_none());
        let mut file = compound_file("Workbook", b"x", false);
        file[30] = 7; // no valid sector shift
        assert!(Compound::read(&file).unwrap().is_none());
    }
}
