//! A digest like the one the Lamphun committee gets: fifteen agencies with long Thai names,
//! the six strategies of the national anti-corruption strategy, and complaint counts.
//! Shared by the tests and by `examples/digest.rs`.

use sujarit_chart::{Bar, BarChart, Digest};

/// (agency, projects done, projects planned).
pub const AGENCIES: [(&str, u32, u32); 15] = [
    ("สำนักงานจังหวัดลำพูน", 10, 10),
    ("องค์การบริหารส่วนจังหวัดลำพูน", 9, 12),
    ("สำนักงาน ป.ป.ช. ประจำจังหวัดลำพูน", 7, 8),
    ("ที่ทำการปกครองอำเภอเมืองลำพูน", 8, 10),
    ("สำนักงานพระพุทธศาสนาจังหวัดลำพูน", 3, 5),
    ("เทศบาลตำบลบ้านกลาง", 6, 9),
    ("เทศบาลเมืองลำพูน", 5, 8),
    ("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำพูน เขต 1", 4, 7),
    ("สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดลำพูน", 2, 4),
    ("สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัดลำพูน", 1, 3),
    ("สำนักงานทรัพยากรน้ำภาค 1", 2, 6),
    ("สำนักงานคลังจังหวัดลำพูน", 3, 3),
    ("วิทยาลัยเทคนิคลำพูน", 1, 4),
    ("โรงเรียนเทศบาลจามเทวี", 0, 2),
    ("สำนักงานวัฒนธรรมจังหวัดลำพูน", 5, 6),
];

/// The completion chart: % of each agency's projects done, with "done/planned" as the note.
pub fn completion() -> BarChart {
    BarChart {
        title: "ความก้าวหน้าของโครงการ แยกตามหน่วยงาน".to_owned(),
        subtitle: Some("ร้อยละของโครงการที่ดำเนินการแล้วเสร็จ (เสร็จ/ทั้งหมด)".to_owned()),
        bars: AGENCIES
            .iter()
            .map(|&(agency, done, planned)| Bar {
                label: agency.to_owned(),
                value: f64::from(done) * 100.0 / f64::from(planned),
                note: Some(format!("{done}/{planned}")),
            })
            .collect(),
        value_suffix: "%".to_owned(),
        max: Some(100.0),
    }
}

/// The disbursement chart: % of budget spent by strategy.
pub fn disbursement() -> BarChart {
    let strategies = [
        ("ยุทธศาสตร์ที่ 1 สร้างสังคมที่ไม่ทนต่อการทุจริต", 62.5),
        ("ยุทธศาสตร์ที่ 2 ยกระดับเจตจำนงทางการเมือง", 48.0),
        ("ยุทธศาสตร์ที่ 3 สกัดกั้นการทุจริตเชิงนโยบาย", 35.2),
        ("ยุทธศาสตร์ที่ 4 พัฒนาระบบป้องกันการทุจริตเชิงรุก", 71.8),
        ("ยุทธศาสตร์ที่ 5 ปฏิรูปกลไกการปราบปรามการทุจริต", 12.0),
        ("ยุทธศาสตร์ที่ 6 ยกระดับดัชนีการรับรู้การทุจริต", 0.0),
    ];
    BarChart {
        title: "การเบิกจ่ายงบประมาณ แยกตามยุทธศาสตร์".to_owned(),
        subtitle: Some("ร้อยละของงบประมาณที่ได้รับจัดสรร".to_owned()),
        bars: strategies
            .iter()
            .map(|&(label, value)| Bar {
                label: label.to_owned(),
                value,
                note: None,
            })
            .collect(),
        value_suffix: "%".to_owned(),
        max: Some(100.0),
    }
}

/// The whole digest.
pub fn digest() -> Digest {
    Digest {
        title: "สรุปความก้าวหน้าแผนปฏิบัติการป้องกันและปราบปรามการทุจริต จังหวัดลำพูน".to_owned(),
        period: "สัปดาห์ที่ 10–14 มีนาคม 2568 · ปีงบประมาณ 2568 ไตรมาสที่ 2".to_owned(),
        completion: completion(),
        disbursement: disbursement(),
        complaints: vec![
            ("เรื่องใหม่สัปดาห์นี้".to_owned(), 12),
            ("อยู่ระหว่างตรวจสอบ".to_owned(), 7),
            ("ส่งต่อหน่วยงานที่เกี่ยวข้อง".to_owned(), 4),
            ("ยุติเรื่องแล้ว".to_owned(), 1_250),
        ],
        footer: "ข้อมูลจากระบบสุจริต ณ วันที่ 14 มีนาคม 2568 เวลา 09:00 น. จัดทำโดยสำนักงานจังหวัดลำพูน \
                 ในฐานะฝ่ายเลขานุการคณะกรรมการ"
            .to_owned(),
    }
}
